package dev.ledger.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.platform.tokens.TrackingPositions;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.processors.ProcessorReplays;
import dev.ledger.query.support.GeneratedHistory;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reconciliation of the transfers read model: a generated history (every path a transfer can take, in both shapes
 * the store holds) appended to the real event store and projected by the running processors, then rows deleted,
 * altered and invented behind the projection's back, or a replay of the transfers cut off half way. Each test has
 * a currency no other test of the module uses (HKD, TWD, PHP) and runs scoped to it, directly and with a short
 * settle timeout.
 */
class TransferReconciliationIntegrationTest extends QuerySideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ReconciliationContext context;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProcessorReplays replays;

    @Test
    void shouldFindEveryTransferWhereItsEventsPutIt() {
        GeneratedHistory history = publish(41, "HKD");

        ReconciliationRun.Outcome outcome = reconcile("HKD", false);

        assertThat(outcome.findings().divergences()).isEmpty();
        assertThat(outcome.findings().inFlight()).isEmpty();
        assertThat(outcome.transfersChecked()).isEqualTo(history.expectedTransfers().size());
    }

    @Test
    void shouldReportTransferRowsThatAreGoneAlteredOrWithoutEventsAndLeaveThemToAReplay() {
        GeneratedHistory history = publish(42, "TWD");
        List<GeneratedHistory.ExpectedTransfer> transfers = history.expectedTransfers();
        GeneratedHistory.ExpectedTransfer gone = transfers.get(0);
        GeneratedHistory.ExpectedTransfer moved = transfers.get(1);
        GeneratedHistory.ExpectedTransfer altered = transfers.get(2);
        TransferRequestedEvent alteredRequest = requestOf(history, altered.transferId());
        String ghost = "tw-ghost-" + UUID.randomUUID();
        jdbc.update("DELETE FROM ledger_query.transfer_step WHERE transfer_id = ?", gone.transferId());
        jdbc.update("DELETE FROM ledger_query.transfer_view WHERE transfer_id = ?", gone.transferId());
        jdbc.update("UPDATE ledger_query.transfer_view SET status = 'IN_REVIEW', status_rank = 2"
                            + " WHERE transfer_id = ?", moved.transferId());
        jdbc.update("UPDATE ledger_query.transfer_view SET amount = amount + 1, destination_account_id = 'elsewhere'"
                            + " WHERE transfer_id = ?", altered.transferId());
        jdbc.update("INSERT INTO ledger_query.transfer_view (transfer_id, source_account_id, destination_account_id,"
                            + " amount, currency, status, status_rank, version, requested_at, updated_at)"
                            + " VALUES (?, 'a', 'b', 100, 'TWD', 'COMPLETED', 4, 2, now(), now())", ghost);

        ReconciliationRun.Outcome outcome = reconcile("TWD", true);

        assertThat(outcome.findings().divergences())
                .extracting(Divergence::kind, Divergence::transferId, d -> plain(d.expected()), d -> plain(d.actual()),
                            Divergence::repaired)
                .containsExactlyInAnyOrder(
                        tuple(DivergenceKind.TRANSFER_MISSING, gone.transferId(),
                              gone.status() + " " + terms(requestOf(history, gone.transferId())) + " at version "
                                      + gone.version(), "none", false),
                        tuple(DivergenceKind.TRANSFER_STATUS_MISMATCH, moved.transferId(),
                              moved.status() + " at version " + moved.version(),
                              "IN_REVIEW at version " + moved.version(), false),
                        tuple(DivergenceKind.TRANSFER_REQUEST_MISMATCH, altered.transferId(), terms(alteredRequest),
                              (alteredRequest.amount().amount() + 1) + " TWD " + alteredRequest.sourceAccountId()
                                      + " -> elsewhere", false),
                        tuple(DivergenceKind.TRANSFER_UNEXPECTED, ghost, "none",
                              "100 TWD a -> b, COMPLETED at version 2", false));
        assertThat(outcome.findings().divergences()).allSatisfy(
                d -> assertThat(d.detail()).satisfiesAnyOf(
                        detail -> assertThat(detail).contains("/admin/processors/transfers/replay"),
                        detail -> assertThat(detail).contains("no event of this transfer")));
        assertThat(outcome.repairedCount()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_query.transfer_view WHERE transfer_id = ?",
                                       Long.class, gone.transferId()))
                .as("report only: a replay rebuilds transfer rows").isZero();
    }

    /**
     * A replay of the transfers with two segments done and two not started (their claims blocked, as after a
     * restart whose claims come back one by one, or with another node holding them): the rows of the two behind
     * are in flight, not missing, although every segment this node processes has passed the head.
     */
    @Test
    void shouldCallTheRowsOfSegmentsStillReplayingInFlightNotMissing() {
        GeneratedHistory history = publish(43, "PHP");
        StreamingEventProcessor transfers = processing.eventProcessor(ProcessingGroups.TRANSFERS,
                                                                      StreamingEventProcessor.class).orElseThrow();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM " + EVENT_STORE_SCHEMA
                                                + ".domain_event_entry", Long.class);
        transfers.releaseSegment(2, 10, TimeUnit.MINUTES);
        transfers.releaseSegment(3, 10, TimeUnit.MINUTES);
        try {
            replays.replay(ProcessingGroups.TRANSFERS, ProcessorReplays.ReplayStart.tail());
            await().atMost(PATIENCE).until(() -> transfers.processingStatus().size() == 2
                    && transfers.processingStatus().values().stream().allMatch(s -> caughtUp(s, head)));

            ReconciliationRun.Outcome halfWay = reconcile("PHP", false);

            assertThat(halfWay.findings().divergences()).isEmpty();
            assertThat(halfWay.findings().inFlight()).isNotEmpty().allSatisfy(finding -> {
                assertThat(finding.kind()).isEqualTo(DivergenceKind.IN_FLIGHT);
                assertThat(finding.transferId()).isNotNull();
                assertThat(finding.detail()).contains("replaying");
            });
        } finally {
            transfers.releaseSegment(2, 0, TimeUnit.MILLISECONDS);
            transfers.releaseSegment(3, 0, TimeUnit.MILLISECONDS);
        }
        awaitProjected(history);

        ReconciliationRun.Outcome after = reconcile("PHP", false);

        assertThat(after.findings().divergences()).isEmpty();
        assertThat(after.findings().inFlight()).isEmpty();
    }

    private static boolean caughtUp(EventTrackerStatus segment, long head) {
        return segment.getCurrentPosition().orElse(-1) >= head && !TrackingPositions.isReplaying(segment);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private GeneratedHistory publish(long seed, String currency) {
        String namespace = currency.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        GeneratedHistory history = GeneratedHistory.generate(seed, namespace, currency,
                                                             Instant.now().truncatedTo(ChronoUnit.MILLIS));
        eventStore.publish(history.events());
        awaitProjected(history);
        return history;
    }

    /** Every transfer row at its version and status, every account's summary row and statement at its version. */
    private void awaitProjected(GeneratedHistory history) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (GeneratedHistory.ExpectedTransfer transfer : history.expectedTransfers()) {
                List<Map<String, Object>> row = jdbc.queryForList(
                        "SELECT status, version FROM ledger_query.transfer_view WHERE transfer_id = ?",
                        transfer.transferId());
                if (row.isEmpty() || !transfer.status().equals(row.get(0).get("status"))
                        || transfer.version() != ((Number) row.get(0).get("version")).longValue()) {
                    return false;
                }
            }
            for (GeneratedHistory.ExpectedAccount account : history.expectedAccounts()) {
                if (!atVersion("account_summary", "version", account)
                        || !atVersion("statement_head", "last_sequence", account)) {
                    return false;
                }
            }
            return true;
        });
    }

    private boolean atVersion(String table, String column, GeneratedHistory.ExpectedAccount account) {
        List<Long> versions = jdbc.queryForList("SELECT " + column + " FROM ledger_query." + table
                                                        + " WHERE account_id = ?", Long.class, account.accountId());
        return !versions.isEmpty() && versions.get(0) == account.version();
    }

    private static TransferRequestedEvent requestOf(GeneratedHistory history, String transferId) {
        return history.events().stream()
                      .map(DomainEventMessage::getPayload)
                      .filter(TransferRequestedEvent.class::isInstance)
                      .map(TransferRequestedEvent.class::cast)
                      .filter(request -> request.transferId().equals(transferId))
                      .findFirst().orElseThrow();
    }

    private static String terms(TransferRequestedEvent request) {
        return request.amount().amount() + " " + request.amount().currency() + " " + request.sourceAccountId()
                + " -> " + request.destinationAccountId();
    }

    private ReconciliationRun.Outcome reconcile(String currency, boolean repair) {
        ReconciliationProperties defaults = context.properties();
        ReconciliationProperties quick = new ReconciliationProperties(
                defaults.enabled(), defaults.schedule(), defaults.repairOnSchedule(), defaults.batchSize(),
                Duration.ofSeconds(1), defaults.staleAfter(), defaults.maxReported(), defaults.maxRealigned());
        ReconciliationContext quickly = new ReconciliationContext(
                context.eventStore(), context.scan(), context.jdbc(), context.transactions(), context.progress(),
                context.accounts(), quick, context.storage());
        return new ReconciliationRun(quickly, repair, currency, (head, position, events) -> { }).execute();
    }

    /** A finding's value as the test writes it: a number as a long (a typed value, not a string), text as text. */
    private static Object plain(JsonNode value) {
        return value == null ? null : value.isNumber() ? (Object) value.longValue() : value.asText();
    }
}
