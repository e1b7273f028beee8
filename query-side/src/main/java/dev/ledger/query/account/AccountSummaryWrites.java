package dev.ledger.query.account;

import dev.ledger.query.batching.BatchedWrites;
import dev.ledger.query.metadata.MetadataJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * The account summary's writes of one batch, sent together just before the batch commits, in its transaction. Per
 * event they were a guarded update (and, for a posting, the system leg at commit): with the statement batched,
 * that update was most of a replay's cost.
 * <p>
 * The outcome is the one the events would have had one guarded statement at a time, in the order they were
 * handled: the batch locks the rows of its customer accounts ({@code FOR UPDATE}, in account-id order), reads their
 * versions, and folds its events over them in memory. An event is applied only if its sequence is above the
 * account's version at that point (so a redelivered or overtaken event is a no-op), an event for an account that
 * has no row yet is skipped (as the update found no row), and only an applied posting moves its system row. Then
 * one row per account is written: an insert for an account opened in the batch, a guarded update for the others,
 * and each system row once with the sum of its legs, in account-id order (so two workers never lock them in
 * opposite order). How the batch is sent, and what happens when that fails, is {@link BatchedWrites}'s.
 */
@Component
class AccountSummaryWrites {

    private static final String RESOURCE = AccountSummaryWrites.class.getName();
    private static final String LOCK_VERSIONS = """
            SELECT account_id, version, balance, held FROM account_summary WHERE account_id = ANY (?)
             ORDER BY account_id FOR UPDATE
            """;
    private static final String INSERT_OPENED = """
            INSERT INTO account_summary (account_id, kind, currency, balance, held, overdraft_limit, status,
                                         owner_ref, owner, version, updated_at, metadata)
            VALUES (?, 'CUSTOMER', ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB))
            ON CONFLICT (account_id) DO NOTHING
            """;
    private static final String UPDATE_GUARDED = """
            UPDATE account_summary
               SET balance = COALESCE(?, balance), held = COALESCE(?, held), status = COALESCE(?, status),
                   version = ?, updated_at = ?
             WHERE account_id = ? AND version < ?
            """;
    private static final String ADD_TO_SYSTEM_ACCOUNT = """
            INSERT INTO account_summary (account_id, kind, currency, balance, held, overdraft_limit, status,
                                         owner_ref, version, updated_at)
            VALUES (?, 'SYSTEM', ?, ?, 0, 0, 'OPEN', NULL, -1, ?)
            ON CONFLICT (account_id) DO UPDATE
               SET balance = account_summary.balance + EXCLUDED.balance,
                   updated_at = GREATEST(account_summary.updated_at, EXCLUDED.updated_at)
            """;
    private static final String ADD_HISTORY = """
            INSERT INTO account_balance_history (account_id, version, balance, held, at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (account_id, version) DO NOTHING
            """;
    private static final String OPEN = "OPEN";

    private final JdbcTemplate jdbc;
    private final BatchedWrites batches;

    AccountSummaryWrites(JdbcTemplate jdbc, BatchedWrites batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Creates the account's row (balance and held 0, open) unless it has one. The owner and the labels are written
     * here only: no later event changes them, so the guarded update never touches them.
     */
    void opened(String accountId, String currency, long overdraftLimit, String ownerRef, String owner,
                Map<String, String> metadata, long sequence, Instant at) {
        add(new Event(accountId, sequence, at, null, null, null,
                      new Opening(currency, overdraftLimit, ownerRef, owner, MetadataJson.toJson(metadata)), null));
    }

    /**
     * Sets what the event at {@code sequence} of the account reports ({@code null} = unchanged) unless this or a
     * later event of the account was applied; only then does {@code leg} (may be {@code null}) move its system row.
     */
    void apply(String accountId, long sequence, Instant at, Long balance, Long held, String status, Leg leg) {
        add(new Event(accountId, sequence, at, balance, held, status, null, leg));
    }

    private void add(Event event) {
        batches.apply(RESOURCE, ArrayList<Event>::new, this::flush, events -> events.add(event));
    }

    /** Writes the pending events' outcome and forgets them. */
    private void flush(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        write(events);
        events.clear();
    }

    private void write(List<Event> events) {
        Map<String, Row> rows = lockRows(events);
        Map<String, SystemTotal> legs = new TreeMap<>();
        // The balance history (V10) is written here, where balance and held change, and nowhere else: every event
        // the summary applies, whatever its type (a new one included, as long as its handler calls apply()), leaves
        // the account's balance and held after it, at its version. A skipped event (redelivered, overtaken) leaves
        // nothing, as it changes nothing.
        List<Object[]> history = new ArrayList<>();
        for (Event event : events) {
            Row row = rows.get(event.accountId);
            if (event.opening != null) {
                if (row == null) {
                    rows.put(event.accountId, Row.opened(event));
                    history.add(historyRow(event, 0L, 0L));
                }
            } else if (row != null && row.version < event.sequence) {
                row.apply(event);
                history.add(historyRow(event, row.balance, row.held));
                if (event.leg != null) {
                    legs.computeIfAbsent(event.leg.systemAccountId, id -> new SystemTotal(event.leg.currency))
                        .add(event.leg);
                }
            }
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        rows.forEach((accountId, row) -> {
            if (row.opening != null) {
                inserts.add(new Object[]{accountId, row.opening.currency, row.balance, row.held,
                                         row.opening.overdraftLimit, row.status,
                                         new SqlParameterValue(Types.VARCHAR, row.opening.ownerRef),
                                         new SqlParameterValue(Types.VARCHAR, row.opening.owner), row.version,
                                         utc(row.at), row.opening.metadataJson});
            } else if (row.changed) {
                // typed, so a null needs no round trip to ask the server for its parameter type
                updates.add(new Object[]{new SqlParameterValue(Types.BIGINT, row.balance),
                                         new SqlParameterValue(Types.BIGINT, row.held),
                                         new SqlParameterValue(Types.VARCHAR, row.status), row.version,
                                         utc(row.at), accountId, row.version});
            }
        });
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT_OPENED, inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE_GUARDED, updates);
        }
        if (!history.isEmpty()) {
            jdbc.batchUpdate(ADD_HISTORY, history);
        }
        if (!legs.isEmpty()) {
            List<Object[]> system = new ArrayList<>(legs.size());
            legs.forEach((account, total) -> system.add(new Object[]{account, total.currency,
                                                                      new BigDecimal(total.delta), utc(total.at)}));
            jdbc.batchUpdate(ADD_TO_SYSTEM_ACCOUNT, system);
        }
    }

    /** The current rows of the batch's accounts, locked until the batch commits; accounts without a row are absent. */
    private Map<String, Row> lockRows(List<Event> events) {
        TreeSet<String> accountIds = new TreeSet<>();
        events.forEach(event -> accountIds.add(event.accountId));
        Map<String, Row> rows = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(LOCK_VERSIONS);
            Array ids = connection.createArrayOf("varchar", accountIds.toArray());
            statement.setArray(1, ids);
            return statement;
        }, result -> {
            rows.put(result.getString(1), Row.existing(result.getLong(2), result.getLong(3), result.getLong(4)));
        });
        return rows;
    }

    private static Object[] historyRow(Event event, Long balance, Long held) {
        return new Object[]{event.accountId, event.sequence, balance, held, utc(event.at)};
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** A system account's share of a posting: {@code delta} to its balance. */
    record Leg(String systemAccountId, String currency, long delta, Instant at) {
    }

    /**
     * What a batch moves one system row by. Unbounded, like the row (NUMERIC, V7): a batch of many large postings of
     * one currency may sum past a long, and so may the row.
     */
    private static final class SystemTotal {
        final String currency;
        BigInteger delta = BigInteger.ZERO;
        Instant at;

        SystemTotal(String currency) {
            this.currency = currency;
        }

        void add(Leg leg) {
            delta = delta.add(BigInteger.valueOf(leg.delta));
            at = at == null || leg.at.isAfter(at) ? leg.at : at;
        }
    }

    private record Opening(String currency, long overdraftLimit, String ownerRef, String owner, String metadataJson) {
    }

    private record Event(String accountId, long sequence, Instant at, Long balance, Long held, String status,
                         Opening opening, Leg leg) {
    }

    /**
     * A customer row as the batch leaves it. Of a row that existed, version, balance and held are read (locked, so
     * writing them back unchanged is harmless): the balance history needs both after every event. Status is not
     * read: the update writes it only where an applied event reported one (as {@code COALESCE} did).
     */
    private static final class Row {
        final Opening opening;
        long version;
        Long balance;
        Long held;
        String status;
        Instant at;
        boolean changed;

        private Row(Opening opening, long version, Long balance, Long held, String status, Instant at) {
            this.opening = opening;
            this.version = version;
            this.balance = balance;
            this.held = held;
            this.status = status;
            this.at = at;
        }

        static Row existing(long version, long balance, long held) {
            return new Row(null, version, balance, held, null, null);
        }

        static Row opened(Event event) {
            return new Row(event.opening, event.sequence, 0L, 0L, OPEN, event.at);
        }

        void apply(Event event) {
            version = event.sequence;
            at = event.at;
            balance = event.balance != null ? event.balance : balance;
            held = event.held != null ? event.held : held;
            status = event.status != null ? event.status : status;
            changed = true;
        }
    }
}
