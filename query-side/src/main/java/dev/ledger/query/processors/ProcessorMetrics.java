package dev.ledger.query.processors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Function;

/**
 * Gauges per processing group, read from the status at most {@code ledger.operations.status-ttl} old (a scrape
 * costs at most one round of status queries): {@code ledger.processor.lag.events}, {@code ledger.processor.lag.seconds}
 * and {@code ledger.dead.letters}. A value that is unknown (no dead-letter table, lag in seconds with Axon Server)
 * is NaN. Axon's own processor metrics (latency, capacity, counters) come from axon-micrometer.
 */
class ProcessorMetrics implements MeterBinder {

    private final ProcessorStatusService status;

    ProcessorMetrics(ProcessorStatusService status) {
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // from the handlers' annotations, not the processors: binding may come before Axon has built them
        for (String group : status.annotatedGroups()) {
            gauge(registry, "ledger.processor.lag.events", group, null, "event-store positions behind the head",
                  ProcessorStatus::lagEvents);
            gauge(registry, "ledger.processor.lag.seconds", group, "seconds",
                  "age of the oldest event not processed yet", ProcessorStatus::lagSeconds);
            gauge(registry, "ledger.dead.letters", group, null, "events parked in the dead-letter queue",
                  ProcessorStatus::deadLetters);
        }
    }

    private void gauge(MeterRegistry registry, String name, String group, String unit, String description,
                       Function<ProcessorStatus, Number> value) {
        Gauge.builder(name, this, metrics -> metrics.valueOf(group, value))
             .tag("group", group)
             .baseUnit(unit)
             .description(description)
             .strongReference(true)
             .register(registry);
    }

    private double valueOf(String group, Function<ProcessorStatus, Number> value) {
        try {
            return status.recentReport().ofGroup(group).map(value).map(Number::doubleValue).orElse(Double.NaN);
        } catch (RuntimeException e) {
            // a scrape must not fail because the database is briefly unreachable; health says so
            return Double.NaN;
        }
    }
}
