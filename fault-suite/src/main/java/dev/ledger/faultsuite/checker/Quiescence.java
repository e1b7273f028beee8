package dev.ledger.faultsuite.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.faultsuite.admin.LedgerAdmin;
import dev.ledger.faultsuite.process.PostgresCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Waits, after healing, until the ledger is at rest, so that the checks compare settled states: every transfer has
 * ended (or waits in review), the review deadlines due have fired, and every read model has applied every event.
 * How long each took is itself a result.
 */
final class Quiescence {

    static final Duration TRANSFERS_END_WITHIN = Duration.ofSeconds(60);
    /** Slack for a review deadline: db-scheduler polls every second, a fault may have delayed its saga. */
    static final Duration DEADLINE_SLACK = Duration.ofSeconds(60);
    private static final Duration LAG_ZERO_WITHIN = Duration.ofSeconds(180);
    private static final String LAST_EVENTS = """
            SELECT aggregate_identifier, (array_agg(payload_type ORDER BY sequence_number DESC))[1], min(time_stamp)
            FROM ledger_command.domain_event_entry WHERE aggregate_identifier LIKE 't-%'
            GROUP BY aggregate_identifier""";

    /**
     * @param transfersEndedAfterMillis from healing (and settling) until no transfer was between steps
     * @param transfersEndedInTime      within {@link #TRANSFERS_END_WITHIN}
     * @param stillMoving               those that were not, at the deadline
     * @param overdueReviews            transfers still in review long after their deadline
     * @param lagZeroAfterMillis        from healing (and settling) until every read model had applied every event
     * @param lagZero                   reached at all
     * @param processors                the last processor report
     */
    record Result(long transfersEndedAfterMillis, boolean transfersEndedInTime, List<String> stillMoving,
                  List<String> overdueReviews, long lagZeroAfterMillis, boolean lagZero, JsonNode processors) {
    }

    private Quiescence() {
    }

    /**
     * @param from healing, or later the end of settling the unknown outcomes: their retries may create transfers
     */
    static Result await(PostgresCluster postgres, LedgerAdmin admin, LongSupplier clock, long from,
                        Duration reviewTimeout) throws Exception {
        List<String> moving;
        long endedAt = -1;
        while (true) {
            moving = transfers(postgres, false, Duration.ZERO);
            if (moving.isEmpty()) {
                endedAt = clock.getAsLong();
                break;
            }
            if (clock.getAsLong() >= from + TRANSFERS_END_WITHIN.toMillis()) {
                break;
            }
            Thread.sleep(500);
        }
        long reviewWaitUntil = clock.getAsLong() + reviewTimeout.plus(DEADLINE_SLACK).toMillis();
        while (clock.getAsLong() < reviewWaitUntil && !transfers(postgres, true, Duration.ZERO).isEmpty()) {
            Thread.sleep(500);
        }
        List<String> overdue = transfers(postgres, true, reviewTimeout.plus(DEADLINE_SLACK));
        JsonNode processors = null;
        long lagZeroAt = -1;
        long lagDeadline = clock.getAsLong() + LAG_ZERO_WITHIN.toMillis();
        while (clock.getAsLong() < lagDeadline) {
            LedgerAdmin.Reply reply = admin.processors();
            if (reply.ok()) {
                processors = reply.body();
                if (caughtUp(processors)) {
                    lagZeroAt = clock.getAsLong();
                    break;
                }
            }
            Thread.sleep(500);
        }
        return new Result(endedAt < 0 ? TRANSFERS_END_WITHIN.toMillis() : Math.max(0, endedAt - from), endedAt >= 0,
                          moving, overdue, lagZeroAt < 0 ? -1 : lagZeroAt - from, lagZeroAt >= 0, processors);
    }

    static boolean caughtUp(JsonNode processors) {
        for (JsonNode processor : processors.path("processors")) {
            if (processor.path("lagEvents").asLong(-1) != 0 || processor.path("replaying").asBoolean()
                    || processor.path("settingUpReplay").asBoolean() || !processor.path("running").asBoolean()) {
                return false;
            }
        }
        return processors.path("processors").size() > 0;
    }

    /**
     * Transfers not at rest: with {@code inReview} false, those between steps (neither ended nor in review); with
     * it true, those in review that were requested more than {@code olderThan} ago.
     */
    private static List<String> transfers(PostgresCluster postgres, boolean inReview, Duration olderThan)
            throws SQLException {
        List<String> found = new ArrayList<>();
        Instant cutoff = Instant.now().minus(olderThan);
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(LAST_EVENTS)) {
            while (rows.next()) {
                String last = rows.getString(2);
                boolean ended = last.endsWith("TransferCompletedEvent") || last.endsWith("TransferRejectedEvent")
                                || last.endsWith("TransferFailedEvent");
                boolean reviewing = last.endsWith("TransferScreenedEvent");
                if (inReview ? reviewing && Instant.parse(rows.getString(3)).isBefore(cutoff) : !ended && !reviewing) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }
}
