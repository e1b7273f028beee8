/** The public contract of the ledger's integration events: the envelope, the types and the broker topology. */
package dev.ledger.events;
