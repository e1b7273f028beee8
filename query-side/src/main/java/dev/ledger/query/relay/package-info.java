/**
 * The relay that publishes the ledger's integration events to RabbitMQ, at least once, from the event store (the
 * outbox), each confirmed by the broker before the relay's token moves past it.
 */
package dev.ledger.query.relay;
