/** The reference consumer of the ledger's integration events, runnable as a service and usable in tests. */
package dev.ledger.consumer;
