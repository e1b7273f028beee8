package dev.ledger.consumer.inbox;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;

/**
 * A message that no retry can make acceptable: not JSON, not valid against its type's schema, or carrying two
 * different ids. A listener container rejects it without requeueing (to the dead-letter exchange, if the queue has
 * one), so it never loops.
 */
public class PoisonMessageException extends AmqpRejectAndDontRequeueException {

    public PoisonMessageException(String message) {
        super(message);
    }
}
