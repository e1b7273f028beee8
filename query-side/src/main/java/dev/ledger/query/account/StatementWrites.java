package dev.ledger.query.account;

import dev.ledger.query.batching.BatchedWrites;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * The statement's writes of one batch, sent together just before the batch commits, in its transaction: the
 * entries as one JDBC batch (a multi-row insert with {@code reWriteBatchedInserts}), and one head per account, the
 * highest sequence the batch saw for it. Per event that was two round trips, most of the cost of a replay. Both
 * writes are idempotent as before (entries keyed by account and sequence, heads only move up), so redelivery and
 * order do not matter; heads are written in account-id order so two workers never lock them in opposite order.
 * How the batch is sent, and what happens when that fails, is {@link BatchedWrites}'s.
 */
@Component
class StatementWrites {

    private static final String RESOURCE = StatementWrites.class.getName();
    private static final String INSERT_ENTRY = """
            INSERT INTO statement_entry (account_id, sequence, entry_id, amount, currency, direction, balance_after,
                                         transfer_id, correlation_id, initiated_by, posted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (account_id, sequence) DO NOTHING
            """;
    // the owner is set by the opening and never changes; a head written first by a later event gets it then
    private static final String ADVANCE_HEAD = """
            INSERT INTO statement_head (account_id, last_sequence, owner) VALUES (?, ?, ?)
            ON CONFLICT (account_id) DO UPDATE
               SET last_sequence = GREATEST(statement_head.last_sequence, EXCLUDED.last_sequence),
                   owner = COALESCE(statement_head.owner, EXCLUDED.owner)
            """;

    private final JdbcTemplate jdbc;
    private final BatchedWrites batches;

    StatementWrites(JdbcTemplate jdbc, BatchedWrites batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Adds the entry of the posting at {@code sequence} of the account, unless it is there already, and moves the
     * account's head up to it: every posting is a step of the statement.
     */
    void entry(String accountId, long sequence, String entryId, long amount, String currency, String direction,
               long balanceAfter, String transferId, String correlationId, String initiatedBy, Instant at) {
        Object[] row = {accountId, sequence, entryId, amount, currency, direction, balanceAfter, transferId,
                        correlationId, text(initiatedBy), at.atOffset(ZoneOffset.UTC)};
        write(pending -> {
            pending.entries.add(row);
            pending.heads.merge(accountId, new Head(sequence, null), Head::plus);
        });
    }

    /** Moves the account's head up to {@code sequence} (never down). */
    void head(String accountId, long sequence) {
        head(accountId, sequence, null);
    }

    /** Moves the account's head up to {@code sequence} and records its owner ({@code null}: none, or unchanged). */
    void head(String accountId, long sequence, String owner) {
        write(pending -> pending.heads.merge(accountId, new Head(sequence, owner), Head::plus));
    }

    private void write(Consumer<Pending> operation) {
        batches.apply(RESOURCE, Pending::new, this::flush, pending -> {
            operation.accept(pending);
            return null;
        });
    }

    /** Writes what is pending and forgets it. */
    private void flush(Pending pending) {
        if (!pending.entries.isEmpty()) {
            jdbc.batchUpdate(INSERT_ENTRY, pending.entries);
        }
        if (!pending.heads.isEmpty()) {
            List<Object[]> heads = new ArrayList<>(pending.heads.size());
            pending.heads.forEach((account, head) -> heads.add(new Object[]{account, head.sequence,
                                                                            text(head.owner)}));
            jdbc.batchUpdate(ADVANCE_HEAD, heads);
        }
        pending.entries.clear();
        pending.heads.clear();
    }

    /** Typed, so a null needs no round trip to ask the server for its parameter type. */
    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    /** An account's head as one batch leaves it: the highest sequence, and the owner if an opening named it. */
    private record Head(long sequence, String owner) {

        Head plus(Head other) {
            return new Head(Math.max(sequence, other.sequence), owner != null ? owner : other.owner);
        }
    }

    /** What one batch has to write. */
    private static final class Pending {
        final List<Object[]> entries = new ArrayList<>();
        final Map<String, Head> heads = new TreeMap<>();
    }
}
