/** Who may call which command endpoint: the command side's half of the endpoint × role table. */
package dev.ledger.command.access;
