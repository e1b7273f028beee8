package dev.ledger.command.locking;

import java.sql.SQLException;
import java.time.Duration;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An aggregate's lock across command-side nodes: a PostgreSQL advisory lock held by the command's transaction, so
 * released by its commit or rollback, or by PostgreSQL when the node dies.
 * <p>
 * {@link AggregateLocks} serialise commands within one JVM. Without this, two nodes working on one account both
 * load it and both append; one append fails on the stream's unique sequence and the whole request runs again. That
 * is correct, but each lost race burns the event store positions of the failed append, and every burnt position is
 * a gap that each tracking reader's token carries (and copies with every event it reads) until the gap timeout:
 * two nodes sharing hot accounts burnt a fifth of all positions and ran a service out of memory. Waiting here
 * instead costs one round trip per aggregate a command loads. After the wait, the next statement's snapshot sees
 * what the other node committed, which is what {@link CommittedStateRepository}'s check of the cached version reads.
 * <p>
 * The wait ends at the request's deadline ({@link CommandDeadline}), or after {@code defaultWait} elsewhere, through
 * the transaction's {@code lock_timeout}, which then also bounds any later lock wait of the same transaction.
 */
public final class SharedLocks {

    /** PostgreSQL's lock_not_available: the lock_timeout passed. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final JdbcTemplate jdbc;
    private final Duration defaultWait;

    public SharedLocks(JdbcTemplate jdbc, Duration defaultWait) {
        this.jdbc = jdbc;
        this.defaultWait = defaultWait;
    }

    /**
     * Waits for the aggregate's lock in the current transaction; without one there is nothing to hold it (a lock
     * outside a transaction would be released at once), and nothing to do.
     *
     * @throws LockAcquisitionFailedException when the deadline passes first
     */
    void lock(String identifier) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        long deadline = CommandDeadline.current().orElseGet(() -> System.nanoTime() + defaultWait.toNanos());
        long waitMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try {
            // the CTE sets the timeout before the lock is asked for; both last until the transaction ends
            jdbc.queryForList("""
                                      WITH timeout AS MATERIALIZED (SELECT set_config('lock_timeout', ?, true))
                                      SELECT pg_advisory_xact_lock(?) FROM timeout""",
                              waitMillis + "ms", lockId(identifier));
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                throw new LockAcquisitionFailedException("another node held " + identifier + " past the deadline");
            }
            throw e;
        }
    }

    /** The aggregate's lock, named apart from any idempotency key's. */
    public static long lockId(String identifier) {
        return AdvisoryLockId.of("aggregate\n" + identifier);
    }
}
