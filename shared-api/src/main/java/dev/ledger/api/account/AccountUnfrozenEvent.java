package dev.ledger.api.account;

/** A freeze on the account was lifted. */
public record AccountUnfrozenEvent(String accountId, String reason) {
}
