package dev.ledger.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests at a fixed arrival rate, whatever the service does: request i is due at start + i / rate. A pool of
 * senders takes them in order; when the service stalls the due requests queue up, and since each one's latency counts
 * from its due time, the stall shows in the percentiles as users would feel it.
 */
final class OpenLoopPhase {

    // enough senders that the pool itself rarely is the queue; requests beyond it wait, and that wait is counted
    private static final int MAX_IN_FLIGHT = 64;

    private OpenLoopPhase() {
    }

    static void run(LoadStep step, double ratePerSec, Duration duration, PhaseRecorder recorder) {
        ExecutorService senders = Executors.newFixedThreadPool(MAX_IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, recorder.name + "-sender");
            thread.setDaemon(true);
            return thread;
        });
        double intervalNanos = 1e9 / ratePerSec;
        recorder.started();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            for (long i = 0; ; i++) {
                long due = start + (long) (i * intervalNanos);
                if (due >= end || Thread.currentThread().isInterrupted()) {
                    break;
                }
                long early = due - System.nanoTime();
                if (early > 0) {
                    LockSupport.parkNanos(early);
                }
                senders.execute(() -> step.run(due, recorder));
            }
        } finally {
            senders.shutdown();
            awaitQuietly(senders, duration.plusSeconds(30));
            senders.shutdownNow();
            recorder.ended();
        }
    }

    private static void awaitQuietly(ExecutorService senders, Duration max) {
        try {
            senders.awaitTermination(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
