package dev.ledger.command.deadline;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a failed task again after an exponential backoff with jitter, never longer than {@code max}. Hand-written
 * because db-scheduler's own exponential handler has no upper bound (after ten failures it waits hours), and its
 * default for one-time tasks waits five minutes from the first failure.
 */
final class CappedBackoff<T> implements FailureHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(CappedBackoff.class);

    private final Duration initial;
    private final Duration max;

    CappedBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        int failures = complete.getExecution().consecutiveFailures + 1;
        Duration delay = delay(failures, ThreadLocalRandom.current().nextDouble());
        log.warn("{} failed ({} in a row), runs again in {}: {}", complete.getExecution().taskInstance, failures,
                 delay, complete.getCause().map(Throwable::toString).orElse("no cause"));
        operations.reschedule(complete, complete.getTimeDone().plus(delay));
    }

    /** initial × 2^(failures-1), capped, then 80 to 100 % of it so that tasks failing together spread out. */
    Duration delay(int failures, double random) {
        long base = initial.toMillis();
        int doublings = Math.max(0, failures - 1);
        long exponential = doublings < Long.numberOfLeadingZeros(base) - 1 ? base << doublings : Long.MAX_VALUE;
        long capped = Math.min(exponential, max.toMillis());
        return Duration.ofMillis(Math.max(1, (long) (capped * (0.8 + 0.2 * random))));
    }
}
