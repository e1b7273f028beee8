/** Who may call which endpoint of the query side: its table of endpoint × role, on the platform's bearer tokens. */
package dev.ledger.query.access;
