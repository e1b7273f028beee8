package dev.ledger.command.locking;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's pessimistic aggregate locks, released only when the database transaction around the command has ended.
 * <p>
 * A command sent from an HTTP request runs in a unit of work that joins the request's transaction (which also
 * stores the idempotency key). Axon releases an aggregate's lock, and has put the aggregate into its cache, when
 * that unit of work ends, which is before the transaction commits. A second command on the same account could then
 * build on state that is not committed: its commit could land first (the read side then sees sequence n+1 before
 * n and drops n's system-account leg), and if the first transaction rolled back, money would exist that no stored
 * event created. Holding the lock until the transaction's completion, and dropping the cached aggregate when the
 * transaction did not commit although the command's unit of work did, makes the next command see only committed
 * state. A unit of work that rolled back itself (a refusal) is {@link CommittedStateRepository}'s to judge: it keeps
 * an aggregate the command did not change, even though the request's transaction then rolls back too.
 * <p>
 * Outside a transaction (or when it has already completed) a lock is released at once, as Axon would.
 * <p>
 * Inside a transaction the aggregate is also locked against other command-side nodes ({@link SharedLocks}).
 */
public final class TransactionBoundLockFactory implements LockFactory {

    private final Cache cache;
    private final LockFactory locks;
    private final SharedLocks shared;

    /**
     * @param cache  the aggregates' cache, evicted for an aggregate whose transaction rolled back
     * @param locks  the locks of this JVM
     * @param shared the locks across nodes, taken after this JVM's
     */
    public TransactionBoundLockFactory(Cache cache, LockFactory locks, SharedLocks shared) {
        this.cache = cache;
        this.locks = locks;
        this.shared = shared;
    }

    /** Called by Axon as it loads or creates an aggregate, in the unit of work that will hold the lock. */
    @Override
    public Lock obtainLock(String identifier) {
        UnitOfWork<?> work = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        Lock local = locks.obtainLock(identifier);
        try {
            shared.lock(identifier);
        } catch (RuntimeException e) {
            local.release();
            throw e;
        }
        return new TransactionBoundLock(identifier, local, work);
    }

    private final class TransactionBoundLock implements Lock {

        private final String identifier;
        private final Lock lock;
        private final UnitOfWork<?> work;

        private TransactionBoundLock(String identifier, Lock lock, UnitOfWork<?> work) {
            this.identifier = identifier;
            this.lock = lock;
            this.work = work;
        }

        @Override
        public void release() {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                lock.release();
                return;
            }
            // released as the unit of work cleans up: by now it has committed or rolled back
            boolean workCommitted = work == null || !work.isRolledBack();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    try {
                        if (status != STATUS_COMMITTED && workCommitted) {
                            cache.remove(identifier);
                        }
                    } finally {
                        lock.release();
                    }
                }
            });
        }

        @Override
        public boolean isHeld() {
            return lock.isHeld();
        }
    }
}
