package dev.ledger.command.deadline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a deadline whose execution failed is run again ({@code ledger.deadlines.*}).
 *
 * @param retryInitial the first wait, doubled with every further failure
 * @param retryMax     the longest wait
 */
@ConfigurationProperties("ledger.deadlines")
public record DeadlineSettings(@DefaultValue("1s") Duration retryInitial, @DefaultValue("1m") Duration retryMax) {
}
