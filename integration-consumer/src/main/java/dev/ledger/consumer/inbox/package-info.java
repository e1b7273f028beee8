/** The consumer's core: an inbox table that makes at-least-once delivery apply once, and the effect it guards. */
package dev.ledger.consumer.inbox;
