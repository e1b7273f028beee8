package dev.ledger.query.processors;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code projections} health component: whether the read models are being kept up to date.
 * <ul>
 *     <li>{@code DOWN}: a processor is not running (except while this node sets up a replay of it), or a segment
 *     has been failing for longer than {@code ledger.operations.error-grace}. Its read model stops moving; a
 *     person has to look.</li>
 *     <li>{@code DEGRADED} (HTTP 200): answers are correct but late or partial: lag beyond
 *     {@code ledger.operations.max-lag-events} or {@code ledger.operations.max-lag}, a replay (answers say
 *     {@code REPLAYING}), or a failure still within its grace (Axon retries with back-off).</li>
 *     <li>{@code UP} otherwise.</li>
 * </ul>
 * Dead letters alone do not degrade it: parked events are an operator's queue, shown in the details and in
 * {@code ledger.dead.letters}, while everything else flows on.
 */
@Component("projections")
class ProjectionsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "read models are behind, replaying or retrying");

    private final ProcessorStatusService status;
    private final OperationsProperties properties;

    ProjectionsHealthIndicator(ProcessorStatusService status, OperationsProperties properties) {
        this.status = status;
        this.properties = properties;
    }

    @Override
    public Health health() {
        ProcessorsReport report = status.recentReport();
        Status worst = Status.UP;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (ProcessorStatus processor : report.processors()) {
            Verdict verdict = judge(processor, report.at());
            worst = worse(worst, verdict.status());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", verdict.status().getCode());
            if (verdict.reason() != null) {
                details.put("reason", verdict.reason());
            }
            details.put("running", processor.running());
            details.put("lagEvents", processor.lagEvents());
            details.put("lagSeconds", processor.lagSeconds());
            details.put("replaying", processor.replaying());
            details.put("deadLetters", processor.deadLetters());
            processors.put(processor.name(), details);
        }
        Health.Builder health = Health.status(worst);
        // an empty event store has no head yet; Spring refuses null details
        if (report.eventStore().headPosition() != null) {
            health.withDetail("headPosition", report.eventStore().headPosition());
        }
        return health.withDetail("processors", processors).build();
    }

    Verdict judge(ProcessorStatus processor, Instant now) {
        if (processor.settingUpReplay()) {
            return new Verdict(DEGRADED, "a replay is being set up");
        }
        // a processor no answer reads from (the relay) is never a reason to take this node out of service: its
        // outage (the broker away) delays what it does, every query is still answered
        boolean servesQueries = !ProcessingGroups.NOT_READ_BY_QUERIES.contains(processor.name());
        if (!processor.running()) {
            return new Verdict(servesQueries ? Status.DOWN : DEGRADED, "not running");
        }
        if (processor.error()) {
            boolean past = processor.failingSince() == null
                    || Duration.between(processor.failingSince(), now).compareTo(properties.errorGrace()) >= 0;
            return new Verdict(past && servesQueries ? Status.DOWN : DEGRADED, "failing: " + processor.errorMessage());
        }
        if (processor.replaying()) {
            return new Verdict(DEGRADED, "replaying");
        }
        if (processor.lagEvents() != null && processor.lagEvents() > properties.maxLagEvents()) {
            return new Verdict(DEGRADED, "lag of " + processor.lagEvents() + " events exceeds "
                                         + properties.maxLagEvents());
        }
        if (processor.lagSeconds() != null && processor.lagSeconds() * 1000 > properties.maxLag().toMillis()) {
            return new Verdict(DEGRADED, "lag of " + processor.lagSeconds() + " s exceeds " + properties.maxLag());
        }
        return new Verdict(Status.UP, null);
    }

    private static Status worse(Status a, Status b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Status status) {
        if (Status.DOWN.equals(status)) {
            return 2;
        }
        return DEGRADED.equals(status) ? 1 : 0;
    }

    record Verdict(Status status, String reason) {
    }
}
