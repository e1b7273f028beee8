package dev.ledger.command.directory;

import dev.ledger.api.Metadata;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every requested transfer's content, written in the same transaction as its request: lets a resubmitted transfer
 * id be compared with the original, and gives screening the source's recent activity.
 */
@Component
public class TransferDirectory {

    /**
     * First key of the two-key advisory locks: "screening the transfers out of one account" (the second key is the
     * account id's hash). The two-key space is apart from the one-key locks of idempotency keys and Flyway.
     */
    private static final int SCREENING_OF_SOURCE = 0x5343_524e;

    private final JdbcTemplate jdbc;

    TransferDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ListedTransfer> find(String transferId) {
        return jdbc.query("""
                                  SELECT transfer_id, source_account_id, destination_account_id, amount, currency,
                                         reference, requested_by, metadata::text
                                  FROM transfer_directory WHERE transfer_id = ?""",
                          (rs, n) -> new ListedTransfer(rs.getString(1), rs.getString(2), rs.getString(3),
                                                        rs.getLong(4), rs.getString(5), rs.getString(6),
                                                        rs.getString(7), DirectoryJson.metadata(rs.getString(8))),
                          transferId)
                   .stream().findFirst();
    }

    /**
     * Makes the current transaction the only one screening transfers out of {@code sourceAccountId} until it ends,
     * waiting for the one that is. A transaction-scoped PostgreSQL advisory lock: it holds across nodes and goes with
     * a crashed connection. The new transfer's row is written in the same transaction, so the next transaction to
     * get the lock counts it in {@link #activitySince}. Two accounts whose ids hash alike share a lock, which only
     * makes them wait for each other.
     *
     * @throws IllegalStateException outside a transaction, where the lock would be released at once
     */
    public void lockScreeningOf(String sourceAccountId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("screening is serialized per source only within a transaction");
        }
        jdbc.query("SELECT pg_advisory_xact_lock(?, ?)", (ResultSetExtractor<Void>) rs -> null,
                   SCREENING_OF_SOURCE, sourceAccountId.hashCode());
    }

    /**
     * Count and sum (minor units, in {@code currency}) of the payments out of {@code sourceAccountId} since
     * {@code since}: its transfers and the authorizations placed on it (each counted once, when placed; its
     * captures draw on it and are not counted again).
     */
    public Activity activitySince(String sourceAccountId, String currency, Instant since) {
        return jdbc.queryForObject("""
                                           SELECT count(*), coalesce(sum(amount), 0) FROM (
                                               SELECT amount FROM transfer_directory
                                               WHERE source_account_id = ? AND currency = ? AND requested_at >= ?
                                               UNION ALL
                                               SELECT amount FROM authorization_directory
                                               WHERE source_account_id = ? AND currency = ? AND placed_at >= ?
                                           ) AS payments""",
                                   (rs, n) -> new Activity(rs.getLong(1), rs.getBigDecimal(2).longValueExact()),
                                   sourceAccountId, currency, Timestamp.from(since),
                                   sourceAccountId, currency, Timestamp.from(since));
    }

    /**
     * Whether an authorization has this id. Ids are one namespace: a transfer or refund with it would fail at commit
     * on the authorization's stream as if another request had appended first, and be retried for ever.
     */
    public boolean isAuthorization(String id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM authorization_directory WHERE authorization_id = ?)", Boolean.class, id));
    }

    /** Records an authorization placed, for {@link #activitySince}, in the placement's transaction. */
    void registerAuthorization(String authorizationId, String sourceAccountId, long amount, String currency,
                               Instant placedAt) {
        jdbc.update("""
                            INSERT INTO authorization_directory (authorization_id, source_account_id, amount, currency,
                                                                 placed_at)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT (authorization_id) DO NOTHING""",
                    authorizationId, sourceAccountId, amount, currency, Timestamp.from(placedAt));
    }

    void register(ListedTransfer transfer, Instant requestedAt) {
        jdbc.update("""
                            INSERT INTO transfer_directory (transfer_id, source_account_id, destination_account_id,
                                                            amount, currency, reference, requested_by, requested_at,
                                                            metadata)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB)) ON CONFLICT (transfer_id) DO NOTHING""",
                    transfer.transferId(), transfer.sourceAccountId(), transfer.destinationAccountId(),
                    transfer.amount(), transfer.currency(), transfer.reference(), transfer.requestedBy(),
                    Timestamp.from(requestedAt), DirectoryJson.json(transfer.metadata()));
    }

    /** The transfer that {@code transferId} refunds; empty for a transfer that is no refund, or unknown. */
    public Optional<String> refundOf(String transferId) {
        return jdbc.query("SELECT refund_of FROM transfer_directory WHERE transfer_id = ? AND refund_of IS NOT NULL",
                          (rs, n) -> rs.getString(1), transferId)
                   .stream().findFirst();
    }

    /** Records that a transfer is a refund, in the same transaction as its request's row. */
    void linkRefund(String refundId, String refundOf) {
        jdbc.update("UPDATE transfer_directory SET refund_of = ? WHERE transfer_id = ?", refundOf, refundId);
    }

    /** Marks a transfer ended; it is then no longer among the unsettled ones. */
    void settle(String transferId, Instant at) {
        jdbc.update("UPDATE transfer_directory SET settled_at = ? WHERE transfer_id = ? AND settled_at IS NULL",
                    Timestamp.from(at), transferId);
    }

    /** Transfers requested before {@code before} and not ended yet, oldest first. */
    public List<Unsettled> unsettledSince(Instant before, int limit) {
        return jdbc.query("""
                                  SELECT transfer_id, requested_at FROM transfer_directory
                                  WHERE settled_at IS NULL AND requested_at < ?
                                  ORDER BY requested_at LIMIT ?""",
                          (rs, n) -> new Unsettled(rs.getString(1), rs.getTimestamp(2).toInstant()),
                          Timestamp.from(before), limit);
    }

    /** How many transfers requested before {@code before} have not ended. */
    public long countUnsettledSince(Instant before) {
        return jdbc.queryForObject("SELECT count(*) FROM transfer_directory WHERE settled_at IS NULL AND requested_at < ?",
                                   Long.class, Timestamp.from(before));
    }

    /** A transfer that has not ended, and since when it was requested. */
    public record Unsettled(String transferId, Instant requestedAt) {
    }

    /**
     * A transfer's content as requested. The requester is part of it: the same body sent by another principal is
     * another request, never a replay of this one; so are the labels: the same transfer with other metadata is
     * another request too (a client that reuses an id for another order must hear so).
     *
     * @param metadata the labels; rows from before transfers had them have none
     */
    public record ListedTransfer(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                                 String currency, String reference, String requestedBy, Metadata metadata) {

        public ListedTransfer {
            metadata = metadata == null ? Metadata.EMPTY : metadata;
        }
    }

    /** Recent outgoing activity of one account. */
    public record Activity(long count, long sum) {
    }
}
