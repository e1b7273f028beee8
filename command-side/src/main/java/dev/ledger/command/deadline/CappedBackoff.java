package dev.ledger.command.deadline;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a failed task again after resilience4j's exponential backoff with jitter (doubling from {@code initial},
 * ±20 %, never longer than {@code max}). db-scheduler's own exponential handler has no upper bound (after ten
 * failures it waits hours), and its default for one-time tasks waits five minutes from the first failure.
 */
final class CappedBackoff<T> implements FailureHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(CappedBackoff.class);

    private final IntervalFunction backoff;

    CappedBackoff(Duration initial, Duration max) {
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 1 ms <= initial <= max, got " + initial + " and " + max);
        }
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initial.toMillis(), 2.0, 0.2, max.toMillis());
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        int failures = complete.getExecution().consecutiveFailures + 1;
        Duration delay = delay(failures);
        log.warn("{} failed ({} in a row), runs again in {}: {}", complete.getExecution().taskInstance, failures,
                 delay, complete.getCause().map(Throwable::toString).orElse("no cause"));
        operations.reschedule(complete, complete.getTimeDone().plus(delay));
    }

    /** The wait after the given number of consecutive failures (from 1). */
    Duration delay(int failures) {
        return Duration.ofMillis(backoff.apply(failures));
    }
}
