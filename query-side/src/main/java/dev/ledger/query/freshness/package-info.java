/**
 * How fresh an answer is: consistency tokens, bounded waits for a read model to catch up, and the {@code processing}
 * field every answer carries.
 */
package dev.ledger.query.freshness;
