/**
 * Backpressure: money-moving requests are refused (503 with {@code Retry-After}) while the work the ledger
 * accepted earlier (the transfer process, the read side's projections) lags too far behind the event store.
 */
package dev.ledger.command.backpressure;
