package dev.ledger.query.transfer;

import static dev.ledger.query.support.QuerySideIntegrationTest.EVENT_STORE_SCHEMA;
import static dev.ledger.query.support.QuerySideIntegrationTest.READ_MODEL_SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ledger.api.query.FindTransferQuery;
import dev.ledger.api.query.TransferStepView;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.platform.tokens.TrackingPositions;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.processors.ProcessorReplays;
import dev.ledger.query.support.GeneratedHistory;
import dev.ledger.query.support.QuerySideApplicationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rebuild of the transfers read model cut off where a kill -9 of the query side can cut it off, then the
 * processor started again: the read model must hold every transfer of the event store as its events leave it.
 * What a killed process leaves is exactly what it had committed, since PostgreSQL rolls back the transactions of
 * a client that is gone; so the cut is a transaction rolled back at that point, or the processor stopped there
 * (a stop commits nothing a kill would not have), and the restart is the processor started again with only the
 * token table to go on.
 * <p>
 * The histories are generated ({@link GeneratedHistory}: every path a transfer takes, in both shapes the store
 * holds) in a currency no other test uses (MYR); the rebuilds replay every transfer of the module's database.
 */
// A database and context of its own: on the shared one, another class's replay of the transfers leaves state that
// shows as a replay here (Axon keeps a replay token until an event past its reset position arrives, and CI saw a
// replay started while this test's processor restarted), and whether a replay is left is this class's subject.
@QuerySideApplicationTest
class TransferReplayCrashIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String TRANSFERS = ProcessingGroups.TRANSFERS;

    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProcessorReplays replays;
    @Autowired
    private QueryGateway queries;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;

    /**
     * The reset handler empties the tables and the replay tokens are stored in one transaction: a process that dies
     * after the one and before the other leaves neither, and no other connection ever sees the tables empty
     * while the tokens still say every event was applied.
     */
    @Test
    void shouldKeepEveryTransferWhenTheProcessDiesBetweenEmptyingTheTablesAndStoringTheReplayTokens() {
        List<GeneratedHistory> histories = publish(3);
        StreamingEventProcessor processor = transfersProcessor();
        // another test's replay may still show (Axon keeps a replay token until an event past its reset position
        // arrives): what must not appear is a replay that this killed reset started
        Map<Integer, OptionalLong> replaysBefore = replayStarts(processor);
        processor.shutDown();
        try {
            assertThatThrownBy(() -> processing.transactionManager(TRANSFERS).executeInTransaction(() -> {
                processor.resetTokens();
                assertThat(countSeenByAnotherConnection())
                        .as("the emptied tables, before the reset's transaction ends").isEmpty();
                throw new ProcessKilled();
            })).isInstanceOf(ProcessKilled.class);
        } finally {
            processor.start();
        }

        awaitCaughtUp();
        Map<Integer, OptionalLong> replaysAfter = replayStarts(processor);
        replaysAfter.forEach((segment, start) -> assertThat(start).as("segment %d", segment)
                                                                .isIn(OptionalLong.empty(),
                                                                      replaysBefore.getOrDefault(segment,
                                                                                                 OptionalLong.empty())));
        assertEveryTransferAsItsEventsLeaveIt(histories);
    }

    /** Each segment's reset position while it replays, empty when it does not. */
    private static Map<Integer, OptionalLong> replayStarts(StreamingEventProcessor processor) {
        Map<Integer, OptionalLong> starts = new java.util.HashMap<>();
        processor.processingStatus().forEach((segment, status) -> starts.put(
                segment, status.isReplaying() ? status.getResetPosition() : OptionalLong.empty()));
        return starts;
    }

    /**
     * Killed while two segments had replayed everything and two nothing yet (their claims blocked through the
     * replay), then started again: the segments behind catch up from their own tokens and nothing is lost.
     */
    @Test
    void shouldRebuildEveryTransferWhenTheReplayIsCutOffWithSegmentsAtDifferentPositions() {
        List<GeneratedHistory> histories = publish(3);
        StreamingEventProcessor processor = transfersProcessor();
        long head = head();
        processor.releaseSegment(2, 10, TimeUnit.MINUTES);
        processor.releaseSegment(3, 10, TimeUnit.MINUTES);

        replays.replay(TRANSFERS, ProcessorReplays.ReplayStart.tail());
        await().atMost(PATIENCE).until(() -> processor.processingStatus().size() == 2
                && processor.processingStatus().values().stream().allMatch(s -> caughtUp(s, head)));
        processor.shutDown();
        assertThat(missingTransfers(histories)).as("the rows of the two segments that had not started").isNotEmpty();

        // a new process has no claims blocked
        processor.releaseSegment(2, 0, TimeUnit.MILLISECONDS);
        processor.releaseSegment(3, 0, TimeUnit.MILLISECONDS);
        processor.start();

        awaitCaughtUp();
        assertEveryTransferAsItsEventsLeaveIt(histories);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private List<GeneratedHistory> publish(int count) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<GeneratedHistory> histories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String namespace = "myr-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            GeneratedHistory history = GeneratedHistory.generate(100 + i, namespace, "MYR", start);
            eventStore.publish(history.events());
            histories.add(history);
        }
        awaitCaughtUp();
        assertEveryTransferAsItsEventsLeaveIt(histories);
        return histories;
    }

    private StreamingEventProcessor transfersProcessor() {
        return processing.eventProcessor(TRANSFERS, StreamingEventProcessor.class).orElseThrow();
    }

    private long head() {
        return jdbc.queryForObject("SELECT max(global_index) FROM " + EVENT_STORE_SCHEMA + ".domain_event_entry",
                                   Long.class);
    }

    /** Every segment claimed here, past the store's head and done replaying. */
    private void awaitCaughtUp() {
        long head = head();
        StreamingEventProcessor processor = transfersProcessor();
        await().atMost(PATIENCE).until(() -> processor.processingStatus().size() == 4
                && processor.processingStatus().values().stream().allMatch(s -> caughtUp(s, head)));
    }

    private static boolean caughtUp(EventTrackerStatus segment, long head) {
        return segment.getCurrentPosition().orElse(-1) >= head && !TrackingPositions.isReplaying(segment);
    }

    /**
     * What another connection counts in {@code transfer_view}, waiting at most a moment for locks: empty when it
     * had to wait (the table is being emptied by a transaction not yet committed).
     */
    private Optional<Long> countSeenByAnotherConnection() {
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SET LOCAL lock_timeout = '500ms'");
            try (var rows = statement.executeQuery("SELECT count(*) FROM " + READ_MODEL_SCHEMA + ".transfer_view")) {
                rows.next();
                return Optional.of(rows.getLong(1));
            } catch (SQLException waited) {
                assertThat(waited.getSQLState()).as("lock_not_available").isEqualTo("55P03");
                return Optional.empty();
            } finally {
                other.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> missingTransfers(List<GeneratedHistory> histories) {
        return histories.stream().flatMap(h -> h.expectedTransfers().stream())
                        .map(GeneratedHistory.ExpectedTransfer::transferId)
                        .filter(id -> transfer(id).isEmpty())
                        .toList();
    }

    private void assertEveryTransferAsItsEventsLeaveIt(List<GeneratedHistory> histories) {
        SoftAssertions softly = new SoftAssertions();
        for (GeneratedHistory history : histories) {
            Map<String, TransferRequestedEvent> requests = history.events().stream()
                    .filter(event -> event.getPayload() instanceof TransferRequestedEvent)
                    .map(event -> (TransferRequestedEvent) event.getPayload())
                    .collect(Collectors.toMap(TransferRequestedEvent::transferId, Function.identity()));
            for (GeneratedHistory.ExpectedTransfer expected : history.expectedTransfers()) {
                TransferView view = transfer(expected.transferId()).orElse(null);
                softly.assertThat(view).as("row of %s", expected.transferId()).isNotNull();
                if (view == null) {
                    continue;
                }
                TransferRequestedEvent request = requests.get(expected.transferId());
                softly.assertThat(view.status()).as("status of %s (%s)", expected.transferId(), expected.path())
                      .isEqualTo(expected.status());
                softly.assertThat(view.version()).as("version of %s", expected.transferId())
                      .isEqualTo(expected.version());
                softly.assertThat(view.steps()).extracting(TransferStepView::status)
                      .as("timeline of %s", expected.transferId()).containsExactlyElementsOf(expected.steps());
                softly.assertThat(List.of(view.amount(), view.currency(), view.sourceAccountId(),
                                          view.destinationAccountId()))
                      .as("terms of %s", expected.transferId())
                      .containsExactly(request.amount().amount(), request.amount().currency(),
                                       request.sourceAccountId(), request.destinationAccountId());
            }
        }
        softly.assertAll();
    }

    private Optional<TransferView> transfer(String transferId) {
        return queries.query(new FindTransferQuery(transferId, null),
                             ResponseTypes.optionalInstanceOf(TransferView.class))
                      .join();
    }

    /** Stands for the process dying at that point: its transaction is rolled back. */
    private static final class ProcessKilled extends RuntimeException {
        ProcessKilled() {
            super("kill -9", null, false, false);
        }
    }
}
