package dev.ledger.query.reconciliation;

import dev.ledger.platform.LedgerStorageProperties;
import dev.ledger.query.processing.ProjectionProgress;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** What a {@link ReconciliationRun} works with: the event store, the read model's database, and its settings. */
@Component
record ReconciliationContext(EventStore eventStore, EventStoreScan scan, JdbcTemplate jdbc,
                             PlatformTransactionManager transactions, ProjectionProgress progress,
                             ReadModelRepair repair, ReconciliationProperties properties,
                             LedgerStorageProperties storage) {

    /** {@code schema.table} of one of this service's tables. */
    String table(String name) {
        return storage.own(name);
    }
}
