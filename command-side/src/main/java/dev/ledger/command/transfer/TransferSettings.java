package dev.ledger.command.transfer;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How patiently the review process retries an expiry that did not settle, and when a transfer that has not ended
 * counts as overdue ({@code ledger.transfers.*}).
 *
 * @param stepTimeout  how long to wait before the first retry
 * @param maxBackoff   upper bound of the exponential backoff between retries
 * @param overdueGrace past the review timeout, how long a transfer may still be unsettled before the sweep steps in
 * @param sweepBatch   at most this many overdue transfers are sent their expiry per sweep
 */
@ConfigurationProperties(prefix = "ledger.transfers")
public record TransferSettings(@DefaultValue("10s") Duration stepTimeout, @DefaultValue("5m") Duration maxBackoff,
                               @DefaultValue("10m") Duration overdueGrace, @DefaultValue("100") int sweepBatch) {

    @ConstructorBinding
    public TransferSettings {
        // the canonical constructor is the one configuration binds
    }

    /** The retry settings alone, with the sweep's defaults. */
    public TransferSettings(Duration stepTimeout, Duration maxBackoff) {
        this(stepTimeout, maxBackoff, Duration.ofMinutes(10), 100);
    }

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
