package dev.ledger.platform.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * A Bucket4j token bucket per caller, kept in a bounded Caffeine cache. A bucket left alone for as long as it takes
 * to refill from empty is full again, the same as a new one, so it expires after that much idle time and forgetting
 * it changes nothing; the size bound only matters under a flood of distinct callers, who then start full.
 */
public final class CallerBuckets {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Bandwidth bandwidth;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    public CallerBuckets(LimitsProperties.Rate rate) {
        this(rate, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With the clock the buckets refill by: tests pass one they move. */
    public CallerBuckets(LimitsProperties.Rate rate, TimeMeter clock) {
        this.bandwidth = Bandwidth.builder()
                                  .capacity(rate.burst())
                                  .refillGreedy(rate.requestsPerSecond(), Duration.ofSeconds(1))
                                  .build();
        this.clock = clock;
        Duration refillFromEmpty = Duration.ofSeconds(1).multipliedBy(rate.burst())
                                           .dividedBy(rate.requestsPerSecond());
        this.buckets = Caffeine.newBuilder()
                               .maximumSize(rate.maxCallers())
                               .expireAfterAccess(max(refillFromEmpty, Duration.ofSeconds(1)))
                               // idle time measured by the clock the buckets refill by
                               .ticker(clock::currentTimeNanos)
                               .build();
    }

    /**
     * Takes one request from {@code caller}'s bucket.
     *
     * @return 0 when the request may pass; otherwise the whole seconds (at least 1) until it could
     */
    public long take(String caller) {
        ConsumptionProbe probe = buckets.get(caller, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, nanos / NANOS_PER_SECOND + (nanos % NANOS_PER_SECOND == 0 ? 0 : 1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(clock).build();
    }
}
