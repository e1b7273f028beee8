package dev.ledger.query.reconciliation;

import dev.ledger.platform.LedgerStorageProperties;
import dev.ledger.query.account.AccountReadModel;
import dev.ledger.query.freshness.ProjectionProgress;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** What a {@link ReconciliationRun} works with: the event store, the read model's database, and its settings. */
@Component
record ReconciliationContext(EventStore eventStore, EventStoreScan scan, JdbcTemplate jdbc,
                             PlatformTransactionManager transactions, ProjectionProgress progress,
                             AccountReadModel accounts, ReconciliationProperties properties,
                             LedgerStorageProperties storage) {
}
