package dev.ledger.query.authorization;

import dev.ledger.api.query.AuthorizationCaptureView;
import dev.ledger.api.query.AuthorizationView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The authorizations' tables (V13). One guarded statement per event: an update applies only to a row whose version
 * is below the event's sequence number, so redelivery (a replay, a retried batch) changes nothing.
 */
@Component
class AuthorizationRows {

    private static final String COLUMNS = "authorization_id, account_id, destination_account_id, amount, currency, "
            + "captured_amount, status, expires_at, reference, version";

    private final JdbcTemplate jdbc;

    AuthorizationRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void placed(String id, String accountId, String destination, long amount, String currency, Instant expiresAt,
                String reference, String owner, long sequence, Instant at) {
        jdbc.update("""
                            INSERT INTO authorization_view (authorization_id, account_id, destination_account_id,
                                amount, currency, status, expires_at, reference, owner, version, placed_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (authorization_id) DO NOTHING""",
                    id, accountId, destination, amount, currency, Timestamp.from(expiresAt), reference, owner,
                    sequence, Timestamp.from(at), Timestamp.from(at));
    }

    /** The capture's row, and the authorization's captured total and status, if this event was not applied yet. */
    void captured(String id, String captureId, String destination, long amount, long capturedTotal, boolean closes,
                  long sequence, Instant at) {
        int moved = jdbc.update("""
                                        UPDATE authorization_view SET captured_amount = ?, status = ?, version = ?,
                                            updated_at = ?
                                        WHERE authorization_id = ? AND version < ?""",
                                capturedTotal, closes ? "CAPTURED" : "OPEN", sequence, Timestamp.from(at), id,
                                sequence);
        if (moved > 0) {
            jdbc.update("""
                                INSERT INTO authorization_capture (authorization_id, capture_id,
                                    destination_account_id, amount, sequence_number, captured_at)
                                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                        id, captureId, destination, amount, sequence, Timestamp.from(at));
        }
    }

    /** A void or an expiry closes it. */
    void closed(String id, String status, long sequence, Instant at) {
        jdbc.update("UPDATE authorization_view SET status = ?, version = ?, updated_at = ? "
                            + "WHERE authorization_id = ? AND version < ?",
                    status, sequence, Timestamp.from(at), id, sequence);
    }

    void truncate() {
        jdbc.execute("TRUNCATE authorization_view, authorization_capture");
    }

    Optional<AuthorizationView> find(String id, String visibleOwner) {
        List<AuthorizationView> rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM authorization_view WHERE authorization_id = ?"
                        + " AND (CAST(? AS VARCHAR) IS NULL OR owner = ?)",
                (rs, n) -> view(rs, List.of()), id, visibleOwner, visibleOwner);
        return rows.stream().findFirst().map(view -> withCaptures(List.of(view)).get(0));
    }

    /** One page of an account's authorizations in id order, {@code limit + 1} rows to tell whether there are more. */
    List<AuthorizationView> page(String accountId, String status, String after, int limit, String visibleOwner) {
        List<AuthorizationView> rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM authorization_view WHERE account_id = ? AND authorization_id > ?"
                        + " AND (CAST(? AS VARCHAR) IS NULL OR status = ?)"
                        + " AND (CAST(? AS VARCHAR) IS NULL OR owner = ?)"
                        + " ORDER BY authorization_id LIMIT ?",
                (rs, n) -> view(rs, List.of()), accountId, after, status, status, visibleOwner, visibleOwner,
                limit + 1);
        return withCaptures(rows);
    }

    private List<AuthorizationView> withCaptures(List<AuthorizationView> views) {
        if (views.isEmpty()) {
            return views;
        }
        Map<String, List<AuthorizationCaptureView>> captures = new HashMap<>();
        jdbc.query("SELECT authorization_id, capture_id, destination_account_id, amount, captured_at"
                           + " FROM authorization_capture WHERE authorization_id = ANY (?)"
                           + " ORDER BY sequence_number",
                   rs -> {
                       captures.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                               .add(new AuthorizationCaptureView(rs.getString(2), rs.getString(3), rs.getLong(4),
                                                                 rs.getTimestamp(5).toInstant()));
                   },
                   (Object) views.stream().map(AuthorizationView::authorizationId).toArray(String[]::new));
        return views.stream().map(v -> new AuthorizationView(
                v.authorizationId(), v.accountId(), v.destinationAccountId(), v.amount(), v.currency(),
                v.capturedAmount(), v.remainingAmount(), v.status(), v.expiresAt(), v.reference(),
                List.copyOf(captures.getOrDefault(v.authorizationId(), List.of())), v.version())).toList();
    }

    /** What remains is reserved only while open: a voided or expired authorization gave it back. */
    private static AuthorizationView view(ResultSet rs, List<AuthorizationCaptureView> captures) throws SQLException {
        long amount = rs.getLong(4);
        long captured = rs.getLong(6);
        String status = rs.getString(7);
        return new AuthorizationView(rs.getString(1), rs.getString(2), rs.getString(3), amount, rs.getString(5),
                                     captured, "OPEN".equals(status) ? amount - captured : 0, status,
                                     rs.getTimestamp(8).toInstant(), rs.getString(9), captures, rs.getLong(10));
    }
}
