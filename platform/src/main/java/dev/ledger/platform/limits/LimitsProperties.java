package dev.ledger.platform.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Abuse limits ({@code ledger.limits.*}). The README's "Limits" lists each with the answer a caller gets.
 *
 * @param maxBodyBytes       largest request body accepted; a larger one is answered 413. Every ledger request is a
 *                           few hundred bytes of JSON; 64 KiB leaves room for long references and notes while a
 *                           body read into memory stays small.
 * @param maxConcurrentWaits reads on the query side that may wait ({@code ?wait=}) at the same time; each holds a
 *                           request thread (Tomcat has 200). Past the cap a read answers at once with what it has.
 * @param maxConcurrentWaitsPerCaller of those, how many one caller may hold, so one caller cannot take every
 *                           waiting slot and leave the others only immediate answers
 * @param rate               request rate per caller
 */
@ConfigurationProperties(prefix = "ledger.limits")
public record LimitsProperties(@DefaultValue("65536") long maxBodyBytes,
                               @DefaultValue("64") int maxConcurrentWaits,
                               @DefaultValue("8") int maxConcurrentWaitsPerCaller,
                               @DefaultValue Rate rate) {

    public LimitsProperties {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("ledger.limits.max-body-bytes must be positive");
        }
        if (maxConcurrentWaitsPerCaller < 0) {
            throw new IllegalArgumentException("ledger.limits.max-concurrent-waits-per-caller must be 0 or more");
        }
        if (maxConcurrentWaits < 0) {
            throw new IllegalArgumentException("ledger.limits.max-concurrent-waits must be 0 or more");
        }
    }

    /**
     * A token bucket per caller: {@code burst} requests at once, refilled at {@code requestsPerSecond}.
     *
     * @param enabled           {@code false} registers no rate limit at all (the other limits stay)
     * @param requestsPerSecond sustained requests per second of one caller
     * @param burst             requests one caller may send at once after being idle
     * @param maxCallers        callers whose buckets are kept; past it the least recently used bucket is dropped, so a
     *                          flood of distinct names cannot exhaust memory (a dropped caller starts full again)
     */
    public record Rate(@DefaultValue("true") boolean enabled,
                       @DefaultValue("200") long requestsPerSecond,
                       @DefaultValue("400") long burst,
                       @DefaultValue("10000") long maxCallers) {

        public Rate {
            if (requestsPerSecond < 1 || burst < 1 || maxCallers < 1) {
                throw new IllegalArgumentException(
                        "ledger.limits.rate.requests-per-second, burst and max-callers must be positive");
            }
        }
    }
}
