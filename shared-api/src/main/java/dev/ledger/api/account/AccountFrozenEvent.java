package dev.ledger.api.account;

/** The account was frozen; it refuses debits and credits. */
public record AccountFrozenEvent(String accountId, String reason) {
}
