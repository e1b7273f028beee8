package dev.ledger.faultsuite.checker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** The query side's read models as stored: account rows, transfer rows, statement entries per account. */
final class ReadModelSnapshot {

    record AccountRow(String id, String kind, String currency, long balance, long held, String status,
                      long version) {
    }

    record TransferRow(String id, String status, long version) {
    }

    final Map<String, AccountRow> accounts = new TreeMap<>();
    final Map<String, TransferRow> transfers = new TreeMap<>();
    final Map<String, Long> statementEntries = new TreeMap<>();

    static ReadModelSnapshot read(Connection connection) throws SQLException {
        ReadModelSnapshot snapshot = new ReadModelSnapshot();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT account_id, kind, currency, balance, held, status, version FROM ledger_query.account_summary")) {
                while (rows.next()) {
                    snapshot.accounts.put(rows.getString(1), new AccountRow(rows.getString(1), rows.getString(2),
                            rows.getString(3), rows.getLong(4), rows.getLong(5), rows.getString(6), rows.getLong(7)));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT transfer_id, status, version FROM ledger_query.transfer_view")) {
                while (rows.next()) {
                    snapshot.transfers.put(rows.getString(1),
                                           new TransferRow(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT account_id, count(*) FROM ledger_query.statement_entry GROUP BY account_id")) {
                while (rows.next()) {
                    snapshot.statementEntries.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return snapshot;
    }
}
