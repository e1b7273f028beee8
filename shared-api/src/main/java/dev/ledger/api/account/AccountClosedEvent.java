package dev.ledger.api.account;

/** The account was closed at a zero balance with no holds; it accepts nothing any more. */
public record AccountClosedEvent(String accountId, String reason) {
}
