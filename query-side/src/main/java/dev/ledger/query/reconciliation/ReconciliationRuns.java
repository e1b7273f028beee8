package dev.ledger.query.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.platform.LedgerStorageProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code reconciliation_run} and {@code reconciliation_divergence}. The partial unique index on RUNNING rows
 * makes "one run at a time" hold across every node that shares the database, not only within one.
 */
@Component
class ReconciliationRuns {

    /** Reads back only the JSON values this class wrote; no configuration of the application's mapper matters. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COLUMNS = "run_id, triggered_by, status, repair, currency, started_at, heartbeat_at,"
            + " finished_at, head_position, events_read, accounts_checked, transfers_checked, divergences,"
            + " in_flight, repaired, repaired_count, error";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String runs;
    private final String divergences;

    ReconciliationRuns(JdbcTemplate jdbc, PlatformTransactionManager transactions, LedgerStorageProperties storage) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.runs = storage.own("reconciliation_run");
        this.divergences = storage.own("reconciliation_divergence");
    }

    /** The outcome of {@link #tryStart}: the new run, or the one already running. */
    record Start(boolean started, ReconciliationRecord run) {
    }

    /**
     * Records a new RUNNING run, unless one is running already (a RUNNING run whose heartbeat is older than
     * {@code staleAfter} is first marked FAILED: its node stopped mid-run).
     */
    Start tryStart(String runId, String trigger, boolean repair, String currency, Duration staleAfter) {
        jdbc.update("UPDATE " + runs + " SET status = 'FAILED', finished_at = now(),"
                            + " error = 'abandoned: no heartbeat since ' || heartbeat_at"
                            + " WHERE status = 'RUNNING' AND heartbeat_at < ?",
                    Timestamp.from(Instant.now().minus(staleAfter)));
        try {
            jdbc.update("INSERT INTO " + runs + " (run_id, triggered_by, status, repair, currency, started_at,"
                                + " heartbeat_at) VALUES (?, ?, 'RUNNING', ?, ?, now(), now())",
                        runId, trigger, repair, currency);
        } catch (DuplicateKeyException running) {
            return running().map(run -> new Start(false, run))
                            // finished between the insert and this read: the caller may simply try again
                            .orElseGet(() -> new Start(false, null));
        }
        return new Start(true, find(runId).orElseThrow());
    }

    void heartbeat(String runId, Long headPosition, long eventsRead) {
        jdbc.update("UPDATE " + runs + " SET heartbeat_at = now(), head_position = COALESCE(?, head_position),"
                            + " events_read = ? WHERE run_id = ? AND status = 'RUNNING'",
                    headPosition, eventsRead, runId);
    }

    /** Ends a run as COMPLETED with its findings (those kept), in one transaction. */
    void complete(String runId, ReconciliationRun.Outcome outcome) {
        Findings findings = outcome.findings();
        List<Divergence> kept = new ArrayList<>(findings.divergences());
        kept.addAll(findings.inFlight());
        transaction.executeWithoutResult(tx -> {
            jdbc.update("UPDATE " + runs + " SET status = 'COMPLETED', finished_at = now(), heartbeat_at = now(),"
                                + " head_position = ?, events_read = ?, accounts_checked = ?,"
                                + " transfers_checked = ?, divergences = ?, in_flight = ?, repaired = ?,"
                                + " repaired_count = ? WHERE run_id = ?",
                        outcome.headPosition(), outcome.eventsRead(), outcome.accountsChecked(),
                        outcome.transfersChecked(), findings.divergenceCount(), findings.inFlightCount(),
                        outcome.repairedCount() > 0, outcome.repairedCount(), runId);
            List<Object[]> rows = new ArrayList<>(kept.size());
            for (int i = 0; i < kept.size(); i++) {
                Divergence d = kept.get(i);
                rows.add(new Object[] {runId, i + 1, d.kind().name(), d.accountId(), d.transferId(), d.currency(),
                                       jsonText(d.expected()), jsonText(d.actual()), d.detail(), d.repaired()});
            }
            jdbc.batchUpdate("INSERT INTO " + divergences + " (run_id, divergence_no, kind, account_id, transfer_id,"
                                     + " currency, expected, actual, detail, repaired)"
                                     + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)", rows);
        });
    }

    void fail(String runId, String error) {
        jdbc.update("UPDATE " + runs + " SET status = 'FAILED', finished_at = now(), heartbeat_at = now(), error = ?"
                            + " WHERE run_id = ? AND status = 'RUNNING'", error, runId);
    }

    Optional<ReconciliationRecord> find(String runId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + runs + " WHERE run_id = ?", ReconciliationRuns::record,
                          runId).stream().findFirst();
    }

    Optional<ReconciliationRecord> running() {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + runs + " WHERE status = 'RUNNING'",
                          ReconciliationRuns::record).stream().findFirst();
    }

    Optional<ReconciliationRecord> lastCompleted() {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + runs + " WHERE status = 'COMPLETED'"
                                  + " ORDER BY finished_at DESC LIMIT 1", ReconciliationRuns::record)
                   .stream().findFirst();
    }

    List<ReconciliationRecord> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + runs + " ORDER BY started_at DESC, run_id DESC LIMIT ?",
                          ReconciliationRuns::record, limit);
    }

    /** The findings kept for a run, divergences first, in the order found. */
    List<Divergence> findingsOf(String runId) {
        return jdbc.query("SELECT kind, account_id, transfer_id, currency, expected, actual, detail, repaired FROM "
                                  + divergences + " WHERE run_id = ? ORDER BY divergence_no",
                          (rs, i) -> new Divergence(DivergenceKind.valueOf(rs.getString(1)), rs.getString(2),
                                                    rs.getString(3), rs.getString(4), json(rs.getString(5)),
                                                    json(rs.getString(6)), rs.getString(7), rs.getBoolean(8)),
                          runId);
    }

    private static String jsonText(JsonNode value) {
        return value == null ? null : value.toString();
    }

    private static JsonNode json(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored finding's value is not JSON: " + stored, e);
        }
    }

    private static ReconciliationRecord record(ResultSet rs, int row) throws SQLException {
        return new ReconciliationRecord(rs.getString("run_id"), rs.getString("triggered_by"), rs.getString("status"),
                                        rs.getBoolean("repair"), rs.getString("currency"),
                                        instant(rs, "started_at"), instant(rs, "heartbeat_at"),
                                        instant(rs, "finished_at"), rs.getObject("head_position", Long.class),
                                        rs.getLong("events_read"), rs.getLong("accounts_checked"),
                                        rs.getLong("transfers_checked"), rs.getInt("divergences"),
                                        rs.getInt("in_flight"), rs.getBoolean("repaired"),
                                        rs.getInt("repaired_count"), rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
