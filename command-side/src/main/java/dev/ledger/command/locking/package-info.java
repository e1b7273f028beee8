/**
 * Aggregate locks held until the database transaction around the command has committed, and cached aggregates
 * dropped exactly when that transaction or the command undid a change they carry.
 */
package dev.ledger.command.locking;
