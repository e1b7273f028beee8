/**
 * Aggregate locks: bounded by the command request's deadline, taken before its database transaction where the request
 * names its accounts, and held until that transaction has committed; cached aggregates dropped exactly when that
 * transaction or the command undid a change they carry.
 */
package dev.ledger.command.locking;
