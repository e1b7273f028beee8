package dev.ledger.consumer.amqp;

import dev.ledger.events.Topology;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * A consumer's durable queue on the ledger's exchange, and what it needs declared.
 *
 * @param exchange           the topic exchange the ledger publishes to, {@link Topology#EXCHANGE} but in tests
 * @param name               the queue
 * @param bindingKey         which routing keys it receives from the exchange, {@code #} for all
 * @param deadLetterExchange where rejected (poison) messages go; blank for nowhere (they are dropped). When set, a
 *                           direct exchange of that name and a queue {@code <name>.dead-letters} bound to it by the
 *                           queue's name are declared too, so nothing rejected is lost unseen and several consumers
 *                           can share one dead-letter exchange
 */
public record ConsumerQueue(String exchange, String name, String bindingKey, String deadLetterExchange) {

    public ConsumerQueue {
        if (isBlank(exchange) || isBlank(name) || isBlank(bindingKey)) {
            throw new IllegalArgumentException("a consumer queue needs an exchange, a name and a binding key");
        }
    }

    /** A queue of every event on the ledger's exchange, without dead letters. */
    public static ConsumerQueue of(String name) {
        return new ConsumerQueue(Topology.EXCHANGE, name, "#", null);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public boolean hasDeadLetters() {
        return !isBlank(deadLetterExchange);
    }

    /** The queue that holds what this one rejected, when it has a dead-letter exchange. */
    public String deadLetterQueue() {
        return name + ".dead-letters";
    }

    /**
     * The exchange (declared the way the ledger's relay declares it: durable topic, no arguments; a different
     * declaration would be refused by the broker), the queue, its binding, and the dead-letter pair if configured.
     */
    public Declarables declarables() {
        TopicExchange topic = new TopicExchange(exchange, true, false);
        QueueBuilder queue = QueueBuilder.durable(name);
        List<Declarable> all = new ArrayList<>(List.of(topic));
        if (hasDeadLetters()) {
            DirectExchange deadLetters = new DirectExchange(deadLetterExchange, true, false);
            Queue deadLetterQueue = QueueBuilder.durable(deadLetterQueue()).build();
            all.addAll(List.of(deadLetters, deadLetterQueue,
                               BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(name)));
            queue.deadLetterExchange(deadLetterExchange).deadLetterRoutingKey(name);
        }
        Queue built = queue.build();
        Binding binding = BindingBuilder.bind(built).to(topic).with(bindingKey);
        all.addAll(List.of(built, binding));
        return new Declarables(all);
    }
}
