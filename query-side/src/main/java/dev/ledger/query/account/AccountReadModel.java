package dev.ledger.query.account;

import dev.ledger.platform.LedgerStorageProperties;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account read models as reconciliation checks and repairs them: the summary's rows at one snapshot, their
 * current versions, statement entries looked up by posting, and guarded rewrites ({@link RowRepair}). The port
 * through which nothing outside this package needs a table name or an SQL statement of the account read models.
 */
@Component
public class AccountReadModel {

    private static final int PAGE = 5_000;
    private static final String SYSTEM = "SYSTEM";

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final ReadModelRepair repair;
    private final String summary;
    private final String entries;
    private final String heads;

    AccountReadModel(JdbcTemplate jdbc, PlatformTransactionManager transactions, ReadModelRepair repair,
                     LedgerStorageProperties storage) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.repair = repair;
        this.summary = storage.own("account_summary");
        this.entries = storage.own("statement_entry");
        this.heads = storage.own("statement_head");
    }

    /**
     * A row of the account summary; a system row's balance may exceed a long (V7), so every balance is read whole.
     */
    public record SummaryRow(String accountId, String kind, String currency, BigInteger balance, long held,
                             String status, long version) {

        /** A per-currency system account (world, transit), whose balance the projection derives from postings. */
        public boolean isSystem() {
            return SYSTEM.equals(kind);
        }
    }

    /** A statement entry asked for: the posting of {@code accountId} at aggregate sequence {@code sequence}. */
    public record EntryKey(String accountId, long sequence) {
    }

    /**
     * @param present      whether the statement has the entry
     * @param headSequence the last sequence the statement projection has applied for the account, -1 for none
     */
    public record EntryLookup(boolean present, long headSequence) {
    }

    /**
     * Every summary row (of {@code currency}, or of all currencies when {@code null}), in account-id order, read in
     * one REPEATABLE READ snapshot: each row is exactly the fold of its stream up to the row's version, and each
     * system row the sum of the contra legs of exactly those versions (the projection writes both in one
     * transaction). {@code pages} is called once per page, inside the snapshot.
     */
    public void readSnapshot(String currency, Consumer<List<SummaryRow>> pages) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(tx -> {
            String after = "";
            while (true) {
                List<SummaryRow> page = pageAfter(after, currency);
                pages.accept(page);
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).accountId();
            }
        });
    }

    private List<SummaryRow> pageAfter(String after, String currency) {
        String sql = "SELECT account_id, kind, currency, balance, held, status, version FROM " + summary
                + " WHERE account_id > ?" + (currency == null ? "" : " AND currency = ?")
                + " ORDER BY account_id LIMIT " + PAGE;
        Object[] args = currency == null ? new Object[] {after} : new Object[] {after, currency};
        return jdbc.query(sql, (rs, i) -> new SummaryRow(rs.getString(1), rs.getString(2), rs.getString(3),
                                                         rs.getBigDecimal(4).toBigIntegerExact(), rs.getLong(5),
                                                         rs.getString(6), rs.getLong(7)), args);
    }

    /** The current version of each summary row among {@code accountIds} (absent: no row). */
    public Map<String, Long> versionsOf(Set<String> accountIds) {
        String sql = "SELECT account_id, version FROM " + summary + " WHERE account_id = ANY (?)";
        return jdbc.execute((ConnectionCallback<Map<String, Long>>) connection -> {
            Map<String, Long> versions = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("varchar", accountIds.toArray()));
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        versions.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return versions;
        });
    }

    /** Looks {@code keys} up in the statement, in one statement; the answers are in the order of the keys. */
    public List<EntryLookup> lookUpEntries(List<EntryKey> keys) {
        String sql = "SELECT e.sequence IS NOT NULL, COALESCE(h.last_sequence, -1)"
                + " FROM unnest(?, ?) WITH ORDINALITY AS p(account_id, seq, ord)"
                + " LEFT JOIN " + entries + " e ON e.account_id = p.account_id AND e.sequence = p.seq"
                + " LEFT JOIN " + heads + " h ON h.account_id = p.account_id"
                + " ORDER BY p.ord";
        return jdbc.execute((ConnectionCallback<List<EntryLookup>>) connection -> {
            Array accounts = connection.createArrayOf("varchar", keys.stream().map(EntryKey::accountId).toArray());
            Array sequences = connection.createArrayOf("bigint", keys.stream().map(EntryKey::sequence).toArray());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, accounts);
                statement.setArray(2, sequences);
                List<EntryLookup> result = new ArrayList<>(keys.size());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(new EntryLookup(rows.getBoolean(1), rows.getLong(2)));
                    }
                }
                return result;
            }
        });
    }

    /**
     * Applies {@code repairs}, all of one currency, in one transaction.
     *
     * @return whether all were applied; if a guard missed (a row moved since it was compared), none was
     */
    public boolean repair(List<RowRepair> repairs) {
        return repair.apply(repairs);
    }
}
