package dev.ledger.command.transfer;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How patiently the review process retries an expiry that did not settle ({@code ledger.transfers.*}).
 *
 * @param stepTimeout how long to wait before the first retry
 * @param maxBackoff  upper bound of the exponential backoff between retries
 */
@ConfigurationProperties(prefix = "ledger.transfers")
public record TransferSettings(@DefaultValue("10s") Duration stepTimeout, @DefaultValue("5m") Duration maxBackoff) {

    /**
     * Delay before the next retry after {@code attempt} retries: stepTimeout · 2^attempt, capped at maxBackoff,
     * minus up to 20 % jitter so that many stuck expiries do not retry in lockstep (and the cap stays a true upper
     * bound).
     */
    Duration backoff(int attempt, RandomGenerator random) {
        long base = Math.max(1, stepTimeout.toMillis());
        int doublings = Math.max(0, attempt);
        // shifting by fewer places than base has leading zeros (minus the sign bit) cannot overflow
        long exponential = doublings < Long.numberOfLeadingZeros(base) - 1 ? base << doublings : Long.MAX_VALUE;
        long capped = Math.min(exponential, maxBackoff.toMillis());
        double jitter = 0.8 + 0.2 * random.nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
    }
}
