/**
 * Reconciliation: balances and transfers recomputed from the event store, compared with the read models and with the
 * double-entry invariant, repaired on request.
 */
package dev.ledger.query.reconciliation;
