package dev.ledger.command.backpressure;

import java.time.Duration;

/** How long a refused client should wait: until the lag has drained back to the limit at the observed rate. */
final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param lagEvents      the lag of the processor furthest behind
     * @param maxLagEvents   the limit it has to get back to
     * @param drainPerSecond how fast it has been advancing (positions per second); 0 or less when stuck or unknown
     * @return whole seconds for {@code Retry-After}, within {@code [min, max]} (at least 1)
     */
    static long seconds(long lagEvents, long maxLagEvents, double drainPerSecond, Duration min, Duration max) {
        long floor = Math.max(1, ceilSeconds(min));
        long ceiling = Math.max(floor, ceilSeconds(max));
        if (lagEvents <= maxLagEvents) {
            return floor;
        }
        if (!(drainPerSecond > 0)) {
            // stuck, or no second sample yet: the longest wait, not a guess
            return ceiling;
        }
        double seconds = Math.ceil((lagEvents - maxLagEvents) / drainPerSecond);
        return (long) Math.max(floor, Math.min(ceiling, seconds));
    }

    private static long ceilSeconds(Duration duration) {
        return duration.plusNanos(999_999_999).getSeconds();
    }
}
