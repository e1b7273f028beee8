package dev.ledger.command.backpressure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code backpressure} health component: the lag of every watched processor, and whether money-moving
 * requests are refused: {@code BACKPRESSURE} while refusing, {@code UNKNOWN} when no recent sample exists.
 * <p>
 * Not {@code OUT_OF_SERVICE}: every node shares the same lag, so a load balancer or compose health check would
 * drop all nodes at once, refusing also what is not money-moving and the retries that succeed once the lag drains.
 * {@code BACKPRESSURE} answers HTTP 200 (application.yml) and ranks above {@code UP}; the liveness and readiness
 * groups do not include this component.
 */
class BackpressureHealthIndicator implements HealthIndicator {

    static final Status BACKPRESSURE = new Status("BACKPRESSURE", "money-moving requests are refused until accepted work catches up");

    private final Backpressure backpressure;
    private final Clock clock;

    BackpressureHealthIndicator(Backpressure backpressure, Clock clock) {
        this.backpressure = backpressure;
        this.clock = clock;
    }

    @Override
    public Health health() {
        BackpressureProperties properties = backpressure.properties();
        LagSnapshot snapshot = backpressure.snapshot();
        Health.Builder health;
        if (snapshot.isStale(clock.instant(), properties.staleAfter())) {
            health = Health.unknown().withDetail("reason", "no sample of the lag in the last "
                                                           + properties.staleAfter() + "; requests are not refused");
        } else {
            health = backpressure.refusal()
                    .map(refusal -> Health.status(BACKPRESSURE)
                                          .withDetail("reason", refusal.worst().key() + " lags "
                                                                + refusal.worst().lagEvents() + " events")
                                          .withDetail("retryAfterSeconds", refusal.retryAfterSeconds()))
                    .orElseGet(Health::up);
        }
        health.withDetail("enabled", properties.enabled()).withDetail("maxLagEvents", properties.maxLagEvents());
        if (snapshot.head() != null) {
            health.withDetail("headPosition", snapshot.head());
        }
        Map<String, Object> processors = new LinkedHashMap<>();
        for (ProcessorLag lag : snapshot.processors()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("lagEvents", lag.lagEvents());
            details.put("position", lag.position() == null ? "no tokens yet" : lag.position());
            details.put("replaying", lag.replaying());
            details.put("drainPerSecond", Math.round(lag.drainRate() * 10) / 10.0);
            processors.put(lag.key(), details);
        }
        health.withDetail("processors", processors);
        if (!snapshot.unreadable().isEmpty()) {
            health.withDetail("unreadable", snapshot.unreadable());
        }
        if (snapshot != LagSnapshot.NONE) {
            health.withDetail("sampledAt", snapshot.at().toString());
        }
        return health.build();
    }
}
