package dev.ledger.events.v1;

/** A frozen account was unfrozen: it takes debits again. */
public record AccountUnfrozen(String accountId, String currency, String reason) {
}
