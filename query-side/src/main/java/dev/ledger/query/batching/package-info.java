/**
 * Read-model writes gathered over a processor's batch and sent as it commits, and the fall-back to one event at a
 * time that lets a write failing there be parked with its event.
 */
package dev.ledger.query.batching;
