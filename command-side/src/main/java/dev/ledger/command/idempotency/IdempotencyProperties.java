package dev.ledger.command.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
public record IdempotencyProperties(@DefaultValue("24h") Duration retention,
                                    @DefaultValue("1h") Duration cleanupInterval,
                                    @DefaultValue("5") int maxAttempts,
                                    @DefaultValue("20ms") Duration initialBackoff,
                                    @DefaultValue("500ms") Duration maxBackoff,
                                    @DefaultValue("5s") Duration maxTotal) {
}
