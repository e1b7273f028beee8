package dev.ledger.events.v1;

/** An account was closed, for good. */
public record AccountClosed(String accountId, String currency, String reason) {
}
