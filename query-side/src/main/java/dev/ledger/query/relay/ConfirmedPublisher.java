package dev.ledger.query.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.events.Envelope;
import dev.ledger.events.EventType;
import dev.ledger.events.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a batch's messages just before the batch's transaction commits (and with it the relay's token): all of
 * them on one channel, then waits until the broker has confirmed every one. A message the broker refuses, or does
 * not confirm in time, or a lost connection, fails the batch: its transaction and token roll back, and the
 * processor delivers the batch again after its backoff. Messages of the failed attempt that did reach the broker
 * are published again (at least once); consumers drop them by message id. Publishing at the commit, not in each
 * handler, also means a batch whose handler fails halfway publishes nothing.
 */
class ConfirmedPublisher {

    /** The batch's resource holding what it will publish (tests look for it). */
    static final String PENDING = ConfirmedPublisher.class.getName() + ".pending";

    private final RabbitTemplate rabbit;
    private final ObjectMapper json;
    private final String exchange;
    private final Duration confirmTimeout;

    ConfirmedPublisher(RabbitTemplate rabbit, ObjectMapper json, String exchange, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.json = json;
        this.exchange = exchange;
        this.confirmTimeout = confirmTimeout;
    }

    /** Publishes {@code envelope} with the current batch; the batch commits only once the broker confirmed it. */
    void publish(EventType type, String currency, Envelope<?> envelope) {
        pendingOfThisBatch().add(new Outgoing(Topology.routingKey(type, currency),
                                              new Message(body(envelope), properties(type, envelope))));
    }

    private List<Outgoing> pendingOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<Outgoing> pending = new ArrayList<>();
            batch.onPrepareCommit(unit -> publishAndConfirm(pending));
            return pending;
        });
    }

    /** One channel for the batch (a channel per message would cost a round trip each), then its confirms. */
    private void publishAndConfirm(List<Outgoing> batch) {
        try {
            rabbit.invoke(channel -> {
                for (Outgoing outgoing : batch) {
                    channel.send(exchange, outgoing.routingKey(), outgoing.message());
                }
                channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
                return null;
            });
        } catch (AmqpException e) {
            throw new PublishNotConfirmedException("the broker did not confirm the batch's " + batch.size()
                                                           + " messages within " + confirmTimeout + ": " + e, e);
        }
    }

    private byte[] body(Envelope<?> envelope) {
        try {
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write integration event " + envelope.id(), e);
        }
    }

    private static MessageProperties properties(EventType type, Envelope<?> envelope) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(envelope.id());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(Date.from(envelope.occurredAt()));
        properties.setType(type.type());
        properties.setAppId("ledger");
        if (envelope.correlationId() != null) {
            properties.setCorrelationId(envelope.correlationId());
            properties.setHeader(Topology.CORRELATION_HEADER, envelope.correlationId());
        }
        properties.setHeader(Topology.POSITION_HEADER, envelope.position());
        properties.setHeader(Topology.TYPE_HEADER, type.type());
        properties.setHeader(Topology.VERSION_HEADER, type.version());
        return properties;
    }

    private record Outgoing(String routingKey, Message message) {
    }

    /** The broker did not take a message of the batch: the batch rolls back and is delivered again. */
    static final class PublishNotConfirmedException extends RuntimeException {
        PublishNotConfirmedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
