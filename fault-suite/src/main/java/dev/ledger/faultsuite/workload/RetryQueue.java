package dev.ledger.faultsuite.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Operations to send again later, with the same key: those whose outcome is unknown (until an attempt gets a
 * decision) and the share the clients send a second time on purpose ({@code late}).
 */
final class RetryQueue {

    record Pending(Operation operation, String how, int retries, long dueNanos) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Pending) other).dueNanos);
        }
    }

    private final DelayQueue<Pending> queue = new DelayQueue<>();

    void add(Operation operation, String how, int retries, Duration delay) {
        queue.add(new Pending(operation, how, retries, System.nanoTime() + delay.toNanos()));
    }

    /** One that is due now, or {@code null}. */
    Pending pollDue() {
        return queue.poll();
    }

    /** Everything queued, due or not (after healing nobody waits for a back-off to expire). */
    List<Pending> takeAll() {
        List<Pending> all = new ArrayList<>();
        Pending pending;
        while ((pending = queue.poll()) != null) {
            all.add(pending);
        }
        for (Object waiting : queue.toArray()) {
            if (queue.remove(waiting)) {
                all.add((Pending) waiting);
            }
        }
        return all;
    }

    int size() {
        return queue.size();
    }

    /** Exponential back-off from half a second to eight, never shorter than what the ledger asked for. */
    static Duration backoff(int retries, long retryAfterSeconds) {
        long millis = Math.min(8_000, 500L << Math.min(retries, 4));
        return Duration.ofMillis(Math.max(millis, retryAfterSeconds * 1_000));
    }
}
