package dev.ledger.query.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.reconciliation.*}.
 *
 * @param enabled       whether the scheduled run happens (the REST endpoints always work)
 * @param schedule      cron of the scheduled run (Spring's six fields), default daily at 03:00
 * @param repairOnSchedule whether the scheduled run also repairs (default: it only reports)
 * @param batchSize     events per batch of the store scan
 * @param settleTimeout how long a run waits for rows that were behind the store to catch up before it calls
 *                      them divergent or in flight
 * @param staleAfter    a RUNNING run whose heartbeat is older than this is taken as dead (its node stopped)
 * @param maxReported   findings kept per run and kind group (divergences, in-flight); all are counted
 * @param maxRealigned  rows behind or ahead of the scan that a run re-reads one by one; past that, they are in flight
 */
@ConfigurationProperties(prefix = "ledger.reconciliation")
public record ReconciliationProperties(@DefaultValue("true") boolean enabled,
                                       @DefaultValue("0 0 3 * * *") String schedule,
                                       @DefaultValue("false") boolean repairOnSchedule,
                                       @DefaultValue("5000") int batchSize,
                                       @DefaultValue("30s") Duration settleTimeout,
                                       @DefaultValue("2m") Duration staleAfter,
                                       @DefaultValue("10000") int maxReported,
                                       @DefaultValue("10000") int maxRealigned) {

    public ReconciliationProperties {
        if (batchSize < 1 || maxReported < 1 || maxRealigned < 0) {
            throw new IllegalArgumentException("ledger.reconciliation: batch-size and max-reported must be positive");
        }
    }
}
