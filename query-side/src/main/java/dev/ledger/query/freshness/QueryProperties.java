package dev.ledger.query.freshness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a read may wait for its consistency token ({@code ledger.queries.*}).
 *
 * @param maxWait      the longest {@code ?wait=} honoured; a longer one is cut to this
 * @param pollInterval how often a waiting read reads again when no commit on this node wakes it
 */
@ConfigurationProperties(prefix = "ledger.queries")
public record QueryProperties(@DefaultValue("10s") Duration maxWait, @DefaultValue("250ms") Duration pollInterval) {
}
