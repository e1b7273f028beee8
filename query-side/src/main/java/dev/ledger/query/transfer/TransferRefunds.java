package dev.ledger.query.transfer;

import dev.ledger.api.query.RefundView;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.TransferStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The refunds part of the transfers read model (V12__refunds.sql): its guarded statements, and the refund fields of
 * a transfer's view. One statement per refund event, sent at once rather than batched like {@link TransferWrites}:
 * refunds are few next to the events of transfers, and each statement is idempotent on its own (a redelivered event
 * changes nothing), so it needs none of the batch's guards.
 */
@Component
class TransferRefunds {

    private static final String IN_REVIEW = TransferStatus.IN_REVIEW.name();
    private static final String COMPLETED = TransferStatus.COMPLETED.name();

    private final JdbcTemplate jdbc;

    TransferRefunds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The refund's own stream: what it pays back. */
    void link(String refundId, String refundOf) {
        jdbc.update("INSERT INTO transfer_refund_of (refund_id, refund_of) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    refundId, refundOf);
    }

    /** The original's stream: a refund's amount reserved, so it awaits its review until its ending is recorded. */
    void reserve(String transferId, String refundId, long amount, Instant at) {
        jdbc.update("""
                            INSERT INTO transfer_refund (transfer_id, refund_id, amount, status, reserved_at)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    transferId, refundId, amount, IN_REVIEW, Timestamp.from(at));
    }

    /** The original's stream: how the refund ended; an ending is never replaced. */
    void end(String transferId, String refundId, long amount, String status, Instant at) {
        jdbc.update("""
                            INSERT INTO transfer_refund (transfer_id, refund_id, amount, status, reserved_at)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (transfer_id, refund_id) DO UPDATE SET status = EXCLUDED.status
                            WHERE transfer_refund.status = ?""",
                    transferId, refundId, amount, status, Timestamp.from(at), IN_REVIEW);
    }

    void truncate() {
        jdbc.update("TRUNCATE transfer_refund, transfer_refund_of");
    }

    /** The views with what they pay back and what was paid back of them, in two statements for all of them. */
    List<TransferView> attach(List<TransferView> views) {
        if (views.isEmpty()) {
            return views;
        }
        String[] ids = views.stream().map(TransferView::transferId).toArray(String[]::new);
        Map<String, String> refundOf = new HashMap<>();
        jdbc.query("SELECT refund_id, refund_of FROM transfer_refund_of WHERE refund_id = ANY (?)",
                   rs -> {
                       refundOf.put(rs.getString(1), rs.getString(2));
                   }, (Object) ids);
        Map<String, List<RefundView>> refunds = new HashMap<>();
        jdbc.query("""
                           SELECT transfer_id, refund_id, amount, status FROM transfer_refund
                           WHERE transfer_id = ANY (?) ORDER BY transfer_id, reserved_at, refund_id""",
                   rs -> {
                       refunds.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                              .add(new RefundView(rs.getString(2), rs.getLong(3), rs.getString(4)));
                   }, (Object) ids);
        return views.stream().map(view -> with(view, refundOf.get(view.transferId()),
                                               refunds.getOrDefault(view.transferId(), List.of())))
                    .toList();
    }

    /** The refunded amount counts completed refunds only: one in review may still be rejected. */
    private static TransferView with(TransferView view, String refundOf, List<RefundView> refunds) {
        long refunded = refunds.stream().filter(refund -> COMPLETED.equals(refund.status()))
                               .mapToLong(RefundView::amount).reduce(0L, Math::addExact);
        return new TransferView(view.transferId(), view.sourceAccountId(), view.destinationAccountId(),
                                view.amount(), view.currency(), view.reference(), view.status(), view.steps(),
                                view.screening(), view.correlationId(), view.requestedBy(), view.version(),
                                view.requestedAt(), view.updatedAt(), refundOf, refunded, List.copyOf(refunds),
                                view.metadata(), view.accountVersions(), view.postingsToken());
    }

    /** For reconciliation: the refunded amount (completed refunds) of each of these transfers that has any. */
    Map<String, Long> refundedAmounts(Collection<String> transferIds) {
        Map<String, Long> refunded = new HashMap<>();
        jdbc.query("""
                           SELECT transfer_id, sum(amount) FROM transfer_refund
                           WHERE transfer_id = ANY (?) AND status = ? GROUP BY transfer_id""",
                   rs -> {
                       refunded.put(rs.getString(1), rs.getLong(2));
                   }, transferIds.toArray(String[]::new), COMPLETED);
        return refunded;
    }
}
