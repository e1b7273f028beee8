package dev.ledger.events;

import java.time.Instant;

/**
 * The body of every published message. {@code id} is the event's id in the ledger and the AMQP message id: at least
 * once delivery means a consumer may see it twice, and must drop the second (see the reference consumer).
 *
 * @param id            the event's id, unique in the ledger, stable across re-deliveries and re-publications
 * @param type          the event type, for example {@code posting.made}
 * @param version       the schema version of {@code data}
 * @param occurredAt    when the ledger recorded the event (its command's time)
 * @param position      the event's position in the ledger's event store: one account's (or transfer's) events in
 *                      their order; an append that committed late may carry a lower position than one before it
 * @param correlationId the correlation id of the request that caused it, if it had one
 * @param subject       the account or transfer the event is about
 * @param data          the type's record ({@link EventType#dataClass()})
 */
public record Envelope<T>(String id, String type, int version, Instant occurredAt, long position,
                          String correlationId, String subject, T data) {
}
