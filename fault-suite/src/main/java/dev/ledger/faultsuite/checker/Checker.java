package dev.ledger.faultsuite.checker;

import dev.ledger.faultsuite.admin.LedgerAdmin;
import dev.ledger.faultsuite.faults.FaultRecord;
import dev.ledger.faultsuite.process.PostgresCluster;
import dev.ledger.faultsuite.workload.History;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every check once the ledger is at rest: waits for quiescence, reads the event store and the read models in
 * one snapshot, folds the history, and states each invariant.
 */
public final class Checker {

    /**
     * @param checks     every invariant, in the order printed
     * @param throughput the figures around each fault
     * @param settled    how the ledger came to rest
     * @param results    the operations as the history tells them
     */
    public record Report(List<CheckResult> checks, List<ThroughputReport.Row> throughput, Quiescence.Result settled,
                         Map<String, OperationResult> results) {

        public long violations() {
            return checks.stream().mapToLong(check -> check.violations().size()).sum();
        }
    }

    private Checker() {
    }

    /**
     * @param crashes  processes that ended without a fault ending them
     * @param logs     the processes' logs
     * @param settledAt when the faults were healed and the unknown outcomes settled (history clock)
     * @param loadEnd  when the clients stopped sending new operations
     */
    public static Report run(History history, List<FaultRecord> faults, List<String> crashes, Path logs,
                             PostgresCluster postgres, LedgerAdmin admin, long settledAt, long loadEnd,
                             Duration reviewTimeout) throws Exception {
        Quiescence.Result settled = Quiescence.await(postgres, admin, history::millis, settledAt, reviewTimeout);
        Map<String, OperationResult> results = OperationResults.of(history);
        EventStoreFold fold = new EventStoreFold();
        ReadModelSnapshot readModel;
        try (Connection connection = postgres.connect()) {
            // one snapshot for both: the store and the read models are compared as of the same instant
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            EventStoreReader.read(connection, fold);
            readModel = ReadModelSnapshot.read(connection);
            connection.commit();
        }
        fold.finish();
        List<CheckResult> checks = new ArrayList<>();
        checks.add(StoreChecks.noGaps(fold));
        checks.add(StoreChecks.postingsAddUp(fold));
        checks.add(StoreChecks.overdraftKept(fold));
        checks.add(StoreChecks.storeSumsToZero(fold));
        checks.add(ReadModelChecks.sumsToZero(readModel));
        checks.add(CustomerTotalsCheck.check(results, fold, readModel));
        checks.add(ExactlyOnceCheck.check(results, fold));
        checks.add(AnswerCheck.check(results));
        checks.add(AnswersDocumentedCheck.check(history.entries()));
        checks.add(TransferCheck.check(results, fold, settled));
        checks.add(ReadModelChecks.agreesWithStore(fold, readModel));
        checks.add(PipelineCheck.check(admin, settled));
        checks.add(ProcessCheck.check(crashes, logs));
        return new Report(checks, ThroughputReport.of(history.entries(), faults, loadEnd), settled, results);
    }
}
