package dev.ledger.command.transfer;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How patiently the review process retries an expiry that did not settle, and when a transfer that has not ended
 * counts as overdue ({@code ledger.transfers.*}).
 *
 * @param stepTimeout  how long to wait before the first retry
 * @param maxBackoff   upper bound of the exponential backoff between retries
 * @param overdueGrace past the review timeout, how long a transfer may still be unsettled before the sweep steps in
 * @param sweepBatch   at most this many overdue transfers are sent their expiry per sweep
 */
@ConfigurationProperties(prefix = "ledger.transfers")
public record TransferSettings(@DefaultValue("10s") Duration stepTimeout, @DefaultValue("5m") Duration maxBackoff,
                               @DefaultValue("10m") Duration overdueGrace, @DefaultValue("100") int sweepBatch) {

    @ConstructorBinding
    public TransferSettings {
        // the canonical constructor is the one configuration binds
    }

    /** The retry settings alone, with the sweep's defaults. */
    public TransferSettings(Duration stepTimeout, Duration maxBackoff) {
        this(stepTimeout, maxBackoff, Duration.ofMinutes(10), 100);
    }

    /**
     * Delay before the next retry after {@code attempt} retries: stepTimeout · 2^attempt, capped at maxBackoff
     * (resilience4j's exponential backoff), minus up to 20 % jitter so that many stuck expiries do not retry in
     * lockstep. The jitter is ours, not resilience4j's randomized backoff: that one spreads both ways and would
     * break the cap, which operators read as a true upper bound.
     */
    public Duration backoff(int attempt, RandomGenerator random) {
        IntervalFunction exponential = IntervalFunction.ofExponentialBackoff(Math.max(1, stepTimeout.toMillis()), 2.0,
                                                                             Math.max(1, maxBackoff.toMillis()));
        // resilience4j counts attempts from 1 and walks them one by one; past 62 doublings every one is the cap
        long capped = exponential.apply(Math.min(Math.max(0, attempt), 62) + 1);
        double jitter = 0.8 + 0.2 * random.nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
    }
}
