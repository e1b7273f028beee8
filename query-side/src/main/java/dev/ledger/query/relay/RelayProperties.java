package dev.ledger.query.relay;

import dev.ledger.events.Topology;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay's settings ({@code ledger.relay.*}); the broker itself is Spring's {@code spring.rabbitmq.*}.
 *
 * @param enabled        off turns the relay off even with a broker configured
 * @param exchange       the topic exchange published to (declared durable at start-up)
 * @param confirmTimeout how long a batch waits for the broker's confirms before it is rolled back and retried
 */
@ConfigurationProperties("ledger.relay")
record RelayProperties(@DefaultValue("true") boolean enabled,
                       @DefaultValue(Topology.EXCHANGE) String exchange,
                       @DefaultValue("10s") Duration confirmTimeout) {
}
