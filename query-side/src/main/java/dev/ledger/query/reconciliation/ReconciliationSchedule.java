package dev.ledger.query.reconciliation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled run ({@code ledger.reconciliation.schedule}, default daily at 03:00; off with
 * {@code ledger.reconciliation.enabled=false}). Every node has the schedule; the first to start a run wins and
 * the others skip, since only one run may be RUNNING in the shared database.
 */
@Component
@ConditionalOnProperty(name = "ledger.reconciliation.enabled", havingValue = "true", matchIfMissing = true)
class ReconciliationSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final ReconciliationService reconciliation;
    private final ReconciliationProperties properties;

    ReconciliationSchedule(ReconciliationService reconciliation, ReconciliationProperties properties) {
        this.reconciliation = reconciliation;
        this.properties = properties;
    }

    @Scheduled(cron = "${ledger.reconciliation.schedule:0 0 3 * * *}")
    void reconcile() {
        ReconciliationService.Started started = reconciliation.start(ReconciliationService.SCHEDULED,
                                                                     properties.repairOnSchedule(), null);
        if (started.started()) {
            log.info("scheduled reconciliation {} started", started.run().runId());
        } else {
            log.info("scheduled reconciliation skipped: run {} is in progress",
                     started.run() == null ? "?" : started.run().runId());
        }
    }
}
