package dev.ledger.command.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Idempotency keys and retries of command requests ({@code ledger.idempotency.*}).
 *
 * @param retention        how long a key and its response are kept (then the same key is new again)
 * @param cleanupInterval  how often expired keys are deleted
 * @param maxAttempts      attempts of one request on transient failures (conflicting appends, lost connections)
 * @param initialBackoff   wait before the second attempt (±50 % jitter); doubles each time
 * @param maxBackoff       upper bound of one wait
 * @param maxTotal         upper bound of all attempts of one request together
 */
@ConfigurationProperties(prefix = "ledger.idempotency")
public record IdempotencyProperties(Duration retention,
                                    Duration cleanupInterval,
                                    Integer maxAttempts,
                                    Duration initialBackoff,
                                    Duration maxBackoff,
                                    Duration maxTotal) {

    public IdempotencyProperties {
        retention = retention == null ? Duration.ofHours(24) : retention;
        cleanupInterval = cleanupInterval == null ? Duration.ofHours(1) : cleanupInterval;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(20) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMillis(500) : maxBackoff;
        maxTotal = maxTotal == null ? Duration.ofSeconds(5) : maxTotal;
    }
}
