package dev.ledger.consumer.amqp;

import dev.ledger.consumer.inbox.DeduplicatingConsumer;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * A {@link DeduplicatingConsumer} listening on a queue without a Spring application around it: what a test of the
 * publishing side starts, then stops with {@link #close()}. Acknowledgement is container-managed: a message is
 * acknowledged after {@link DeduplicatingConsumer#accept} returned, that is after its transaction committed; a
 * poison message is rejected without requeue; any other failure requeues it.
 */
public final class QueueListener implements AutoCloseable {

    private final SimpleMessageListenerContainer container;

    private QueueListener(SimpleMessageListenerContainer container) {
        this.container = container;
    }

    /** Declares the queue (and the exchange and binding) and starts consuming it with one consumer. */
    public static QueueListener start(ConnectionFactory connections, ConsumerQueue queue,
                                      DeduplicatingConsumer consumer, int prefetch) {
        return start(connections, queue, consumer, prefetch, 1);
    }

    /**
     * Declares the queue (and the exchange and binding) and starts consuming it with {@code consumers} concurrent
     * consumers: faster for a burst, and a harder test, since messages are then applied out of order.
     */
    public static QueueListener start(ConnectionFactory connections, ConsumerQueue queue,
                                      DeduplicatingConsumer consumer, int prefetch, int consumers) {
        declare(new RabbitAdmin(connections), queue);
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue.name());
        container.setConcurrentConsumers(consumers);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setPrefetchCount(prefetch);
        container.setMessageListener(consumer::accept);
        container.afterPropertiesSet();
        container.start();
        return new QueueListener(container);
    }

    /** Declares what the queue needs; what already exists with the same arguments stays as it is. */
    public static void declare(RabbitAdmin admin, ConsumerQueue queue) {
        for (Declarable declarable : queue.declarables().getDeclarables()) {
            if (declarable instanceof Exchange exchange) {
                admin.declareExchange(exchange);
            } else if (declarable instanceof Queue declared) {
                admin.declareQueue(declared);
            } else if (declarable instanceof Binding binding) {
                admin.declareBinding(binding);
            }
        }
    }

    /** Stops consuming; messages not yet acknowledged go back to the queue. */
    @Override
    public void close() {
        container.stop();
        container.destroy();
    }
}
