package dev.ledger.query.transfer;

import dev.ledger.platform.LedgerStorageProperties;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transfers read model as reconciliation checks it: its rows in one snapshot, or some by id. The port through
 * which nothing outside this package needs the table's name or an SQL statement of it.
 */
public final class TransferReadModel {

    private static final int PAGE = 5_000;
    private static final int LOOKUP = 1_000;
    private static final String COLUMNS = "transfer_id, source_account_id, destination_account_id, amount, currency,"
            + " status, version, requested_at IS NOT NULL, updated_at";

    /**
     * A row; a placeholder ({@code requested} false) has no terms yet.
     *
     * @param refundOf       the transfer it refunds, or {@code null}
     * @param refundedAmount what its completed refunds paid back
     */
    public record Row(String transferId, String source, String destination, Long amount, String currency,
                      String status, long version, boolean requested, Instant updatedAt, String refundOf,
                      long refundedAmount) {
    }

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final String scope;
    private final String table;
    private final String columns;

    /** @param scope only rows of this currency ({@code null}: all, placeholders too) */
    public TransferReadModel(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                             LedgerStorageProperties storage, String scope) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.scope = scope;
        this.table = storage.own("transfer_view");
        // the refund fields of a row, as its view shows them (TransferRefunds)
        this.columns = COLUMNS + ", (SELECT refund_of FROM " + storage.own("transfer_refund_of")
                + " o WHERE o.refund_id = transfer_id), (SELECT coalesce(sum(r.amount), 0) FROM "
                + storage.own("transfer_refund") + " r WHERE r.transfer_id = " + table
                + ".transfer_id AND r.status = 'COMPLETED')";
    }

    /**
     * Every row in scope, in transfer-id order, from one REPEATABLE READ snapshot, in pages; {@code beforePage} runs
     * before each page is read (a reader that is stopped stops there).
     */
    public void readSnapshot(Runnable beforePage, Consumer<Row> inspect) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(tx -> {
            String after = "";
            while (true) {
                beforePage.run();
                String sql = "SELECT " + columns + " FROM " + table + " WHERE transfer_id > ?"
                        + (scope == null ? "" : " AND currency = ?") + " ORDER BY transfer_id LIMIT " + PAGE;
                Object[] args = scope == null ? new Object[] {after} : new Object[] {after, scope};
                List<Row> page = jdbc.query(sql, (rs, i) -> row(rs), args);
                page.forEach(inspect);
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).transferId();
            }
        });
    }

    /** The rows of these transfers as they are now, whatever their currency; absent ones are not in the map. */
    public Map<String, Row> byId(List<String> transferIds) {
        Map<String, Row> rows = new HashMap<>();
        String sql = "SELECT " + columns + " FROM " + table + " WHERE transfer_id = ANY (?)";
        for (int from = 0; from < transferIds.size(); from += LOOKUP) {
            List<String> chunk = transferIds.subList(from, Math.min(transferIds.size(), from + LOOKUP));
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setArray(1, connection.createArrayOf("varchar", chunk.toArray()));
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            Row row = row(rs);
                            rows.put(row.transferId(), row);
                        }
                    }
                }
                return null;
            });
        }
        return rows;
    }

    private static Row row(ResultSet rs) throws SQLException {
        long amount = rs.getLong(4);
        Long amountOrNull = rs.wasNull() ? null : amount;
        Timestamp updated = rs.getTimestamp(9);
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), amountOrNull, rs.getString(5),
                       rs.getString(6), rs.getLong(7), rs.getBoolean(8), updated == null ? null : updated.toInstant(),
                       rs.getString(10), rs.getBigDecimal(11).longValueExact());
    }
}
