package dev.ledger.command.locking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;

/**
 * One lock per aggregate id in this JVM: reentrant (a command request takes its accounts' locks before its
 * transaction, then Axon takes them again inside it), fair (waiters are served in order, so none is starved until
 * its deadline), and waiting no longer than the current {@link CommandDeadline}, or {@code defaultWait} on threads
 * that serve no request (the review process, deadlines). Axon's {@code PessimisticLockFactory} waits a fixed number
 * of attempts per lock and cannot be asked to stop at a request's deadline; a request that locks two accounts must
 * not wait twice its timeout. A lock nobody holds or waits for is forgotten.
 */
public final class AggregateLocks implements LockFactory {

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();
    private final Duration defaultWait;

    public AggregateLocks(Duration defaultWait) {
        this.defaultWait = defaultWait;
    }

    /**
     * Axon's entry point, for every aggregate it loads or creates.
     *
     * @throws LockAcquisitionFailedException when the deadline passes first
     */
    @Override
    public Lock obtainLock(String identifier) {
        long deadline = CommandDeadline.current().orElseGet(() -> System.nanoTime() + defaultWait.toNanos());
        return acquire(identifier, deadline);
    }

    /**
     * Locks every id, in id order (as {@code AccountBook} does: two requests never hold one each and wait for the
     * other's), all by {@code deadlineNanos}; on failure none is held.
     *
     * @throws LockAcquisitionFailedException when the deadline passes first
     */
    public Lock acquireAll(Collection<String> identifiers, long deadlineNanos) {
        List<Lock> held = new ArrayList<>();
        try {
            for (String identifier : new TreeSet<>(identifiers)) {
                held.add(acquire(identifier, deadlineNanos));
            }
        } catch (RuntimeException e) {
            releaseAll(held);
            throw e;
        }
        return new Lock() {
            @Override
            public void release() {
                releaseAll(held);
            }

            @Override
            public boolean isHeld() {
                return held.stream().allMatch(Lock::isHeld);
            }
        };
    }

    private Lock acquire(String identifier, long deadlineNanos) {
        Entry entry = locks.compute(identifier, (id, known) -> (known != null ? known : new Entry()).use());
        boolean locked = false;
        try {
            locked = entry.lock.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!locked) {
                forget(identifier);
            }
        }
        if (!locked) {
            throw new LockAcquisitionFailedException("aggregate " + identifier + " stayed locked until the deadline");
        }
        return new Held(identifier, entry);
    }

    private void forget(String identifier) {
        locks.computeIfPresent(identifier, (id, entry) -> entry.unuse() ? null : entry);
    }

    private static void releaseAll(List<Lock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).release();
        }
    }

    /** Threads waiting for {@code identifier}'s lock (a test's view, to act once a waiter is queued). */
    int waiting(String identifier) {
        Entry entry = locks.get(identifier);
        return entry == null ? 0 : entry.lock.getQueueLength();
    }

    /** Number of ids with a lock held or waited for (a test's view that unused locks are forgotten). */
    int size() {
        return locks.size();
    }

    /** Counted under the map's lock for its id, so an entry is dropped only when nobody holds or awaits it. */
    private static final class Entry {

        private final ReentrantLock lock = new ReentrantLock(true);
        private int users;

        private Entry use() {
            users++;
            return this;
        }

        /** @return whether nobody uses it any more */
        private boolean unuse() {
            return --users == 0;
        }
    }

    private final class Held implements Lock {

        private final String identifier;
        private final Entry entry;
        private boolean released;

        private Held(String identifier, Entry entry) {
            this.identifier = identifier;
            this.entry = entry;
        }

        @Override
        public void release() {
            if (released) {
                return;
            }
            released = true;
            entry.lock.unlock();
            forget(identifier);
        }

        @Override
        public boolean isHeld() {
            return !released && entry.lock.isHeldByCurrentThread();
        }
    }
}
