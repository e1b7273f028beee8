/** Version 1 of the integration events' data records, one per {@link dev.ledger.events.EventType}. */
package dev.ledger.events.v1;
