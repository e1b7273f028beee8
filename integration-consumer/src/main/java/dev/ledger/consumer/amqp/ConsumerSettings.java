package dev.ledger.consumer.amqp;

import dev.ledger.consumer.inbox.ConsumerSchema;
import dev.ledger.events.Topology;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.consumer.*}; the broker itself is {@code spring.rabbitmq.*}, the prefetch
 * {@code spring.rabbitmq.listener.simple.prefetch}.
 *
 * @param exchange           the ledger's topic exchange; another name only to keep tests apart
 * @param queue              the durable queue this consumer reads
 * @param bindingKey         which routing keys it receives, for example {@code posting.made.v1.*}; {@code #} for all
 * @param deadLetterExchange where rejected messages go (declared with a {@code <queue>.dead-letters} queue); blank
 *                           for none. The broker refuses to change an existing queue's arguments, so adding it later
 *                           needs the queue deleted or a policy instead
 * @param schema             the PostgreSQL schema of the consumer's tables, created by its Flyway migrations
 */
@ConfigurationProperties(prefix = "ledger.consumer")
public record ConsumerSettings(@DefaultValue(Topology.EXCHANGE) String exchange,
                               @DefaultValue("ledger.reference-consumer") String queue,
                               @DefaultValue("#") String bindingKey,
                               @DefaultValue("ledger.reference-consumer.dlx") String deadLetterExchange,
                               @DefaultValue(ConsumerSchema.DEFAULT) String schema) {

    public ConsumerQueue consumerQueue() {
        return new ConsumerQueue(exchange, queue, bindingKey, deadLetterExchange);
    }
}
