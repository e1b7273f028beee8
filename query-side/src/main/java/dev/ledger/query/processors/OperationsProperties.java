package dev.ledger.query.processors;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the processor status and of the {@code projections} health indicator.
 *
 * @param maxLagEvents beyond this many event-store positions behind the head, a processor is DEGRADED
 * @param maxLag       beyond this age of its oldest unprocessed event, a processor is DEGRADED
 * @param errorGrace   a segment whose batches keep failing is DEGRADED (retrying) for this long, then DOWN
 * @param statusTtl    how long the status computed for health and metrics is reused (each computation reads the
 *                     token table and the event store's head)
 */
@ConfigurationProperties(prefix = "ledger.operations")
public record OperationsProperties(@DefaultValue("10000") long maxLagEvents, @DefaultValue("60s") Duration maxLag,
                                   @DefaultValue("10s") Duration errorGrace, @DefaultValue("1s") Duration statusTtl) {
}
