package dev.ledger.command.idempotency;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Runs a command request again, whole, while it fails transiently (a conflicting append by another node, a lost
 * database connection): at most {@code ledger.idempotency.max-attempts} attempts, each wait between them
 * resilience4j's exponential backoff with jitter ({@code initial-backoff} doubling, ±50 %, at most
 * {@code max-backoff}), all of them within {@code max-total} and the request's deadline. A success or a refusal
 * ends the run at once.
 * <p>
 * The backoff is the library's; the loop stays here because resilience4j's {@code Retry} sleeps on its own and
 * cannot decline a wait that would end past the deadline, by which the request must have answered.
 */
final class TransientRetries {

    private final int maxAttempts;
    private final Duration maxTotal;
    private final IntervalFunction backoff;

    TransientRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
        this.maxAttempts = maxAttempts;
        this.maxTotal = maxTotal;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initialBackoff.toMillis(), 2.0, 0.5,
                                                                   maxBackoff.toMillis());
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
        long delay = backoff.apply(number);
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
