/**
 * The bank workload and its history: concurrent clients sending opens, deposits, withdrawals, transfers, reviews,
 * freezes and unfreezes with idempotency keys, and every attempt recorded as invoke and ok, fail or unknown.
 */
package dev.ledger.faultsuite.workload;
