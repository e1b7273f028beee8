package dev.ledger.events.v1;

/** An account was frozen: it takes no debits until unfrozen. */
public record AccountFrozen(String accountId, String currency, String reason) {
}
