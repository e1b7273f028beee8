/**
 * The projections' dead-letter queues: events a read model could not handle, parked per sequence with none of their
 * effects, and what an operator does with them (list, retry, evict).
 */
package dev.ledger.query.deadletter;
