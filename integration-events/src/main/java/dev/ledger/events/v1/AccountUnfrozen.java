package dev.ledger.events.v1;

/** A frozen account was unfrozen. */
public record AccountUnfrozen(String accountId, String currency) {
}
