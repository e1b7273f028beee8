package dev.ledger.api.query;

/** Asks for one account's current view; answered with an {@link AccountView}, or none when unknown. */
public record FindAccountQuery(String accountId) {
}
