/**
 * Durable deadlines (db-scheduler under Axon's deadline manager): how soon a deadline whose execution failed runs
 * again, and how soon one whose node died is taken over.
 */
package dev.ledger.command.deadline;
