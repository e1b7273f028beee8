package dev.ledger.command.locking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a command may take, bound once ({@code ledger.commands.*}).
 *
 * @param timeout everything a command request waits for (its accounts' locks, on this node and across nodes, and
 *                its retries) ends by then: the answer is a 503 with nothing done. Threads that serve no request
 *                (the review process, deadlines) wait this long for a lock.
 */
@ConfigurationProperties("ledger.commands")
public record CommandSettings(@DefaultValue("10s") Duration timeout) {
}
