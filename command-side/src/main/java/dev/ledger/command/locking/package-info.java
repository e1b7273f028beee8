/** Aggregate locks that are held until the database transaction around the command has committed. */
package dev.ledger.command.locking;
