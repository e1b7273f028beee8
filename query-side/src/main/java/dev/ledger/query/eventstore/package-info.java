/** Read access to the command side's event store, the source of truth every read model is built from. */
package dev.ledger.query.eventstore;
