package dev.ledger.command.backpressure;

import java.time.Clock;
import java.util.Optional;

/** The decision: whether a money-moving request is refused now, and for how long. */
class Backpressure {

    private final PipelineLagSampler sampler;
    private final BackpressureProperties properties;
    private final Clock clock;

    Backpressure(PipelineLagSampler sampler, BackpressureProperties properties, Clock clock) {
        this.sampler = sampler;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A refusal when a watched processor lags beyond the limit. Nothing when disabled, and nothing on a stale
     * sample: the limit protects the pipelines from a growing backlog, it must not stop the ledger because the lag
     * cannot be read (if the database is down, commands fail on their own).
     */
    Optional<Refusal> refusal() {
        LagSnapshot snapshot = sampler.latest();
        if (!properties.enabled() || snapshot.isStale(clock.instant(), properties.staleAfter())) {
            return Optional.empty();
        }
        return snapshot.worstBeyond(properties.maxLagEvents()).map(lag -> new Refusal(
                lag, RetryAfter.seconds(lag.lagEvents(), properties.maxLagEvents(), lag.drainRate(),
                                        properties.minRetryAfter(), properties.maxRetryAfter())));
    }

    LagSnapshot snapshot() {
        return sampler.latest();
    }

    BackpressureProperties properties() {
        return properties;
    }

    /** @param worst the processor furthest behind; @param retryAfterSeconds what {@code Retry-After} says */
    record Refusal(ProcessorLag worst, long retryAfterSeconds) {
    }
}
