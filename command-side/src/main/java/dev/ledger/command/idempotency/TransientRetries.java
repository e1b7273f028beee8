package dev.ledger.command.idempotency;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Runs a command request again, whole, while it fails transiently (a conflicting append by another node, a lost
 * database connection): at most {@code ledger.idempotency.max-attempts} attempts, each wait between them an
 * exponential backoff with jitter, all of them within {@code max-total} and the request's deadline. A success or a
 * refusal ends the run at once.
 */
final class TransientRetries {

    private final int maxAttempts;
    private final Duration maxTotal;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    TransientRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
        this.maxAttempts = maxAttempts;
        this.maxTotal = maxTotal;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    static TransientRetries of(IdempotencyProperties properties) {
        return new TransientRetries(properties.maxAttempts(), properties.initialBackoff(), properties.maxBackoff(),
                                    properties.maxTotal());
    }

    /**
     * @param attempt        runs attempt number n (from 1)
     * @param worthRetrying  whether an attempt's result may end otherwise when run again
     * @param deadlineNanos  the request's deadline, in {@link System#nanoTime()} terms
     * @return the last attempt's result
     */
    <T> T run(IntFunction<T> attempt, Predicate<T> worthRetrying, long deadlineNanos) {
        long deadline = Math.min(System.nanoTime() + maxTotal.toNanos(), deadlineNanos);
        for (int number = 1; ; number++) {
            T result = attempt.apply(number);
            if (!worthRetrying.test(result) || number >= maxAttempts || !waitAfter(number, deadline)) {
                return result;
            }
        }
    }

    /** Waits before the attempt after {@code number}, unless the wait would end past the deadline. */
    private boolean waitAfter(int number, long deadline) {
        long base = initialBackoff.toMillis() << Math.min(number - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        long delay = (long) (capped * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble()));
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > deadline) {
            return false;
        }
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
