package dev.ledger.command.transfer;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How patiently the transfer process retries a step ({@code ledger.transfers.*}).
 *
 * @param stepTimeout        how long a step may take before the watchdog re-sends it
 * @param maxBackoff         upper bound of the exponential backoff between re-sends
 * @param maxReserveAttempts re-sends of the hold before the transfer is given up (later steps never give up)
 */
@ConfigurationProperties(prefix = "ledger.transfers")
public record TransferSettings(Duration stepTimeout, Duration maxBackoff, Integer maxReserveAttempts) {

    public TransferSettings {
        stepTimeout = stepTimeout == null ? Duration.ofSeconds(10) : stepTimeout;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        maxReserveAttempts = maxReserveAttempts == null ? 5 : maxReserveAttempts;
    }

    /**
     * Delay before the watchdog checks again after {@code attempt} re-sends: stepTimeout · 2^attempt, capped at
     * maxBackoff, minus up to 20 % jitter so that many stuck transfers do not retry in lockstep (and the cap stays
     * a true upper bound).
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
