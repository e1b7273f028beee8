package dev.ledger.events.v1;

/**
 * An account was opened.
 *
 * @param overdraftLimit how far below zero the balance may go, in minor units
 * @param ownerRef       the caller's own reference for the owner, if it gave one
 * @param owner          the subject (token {@code sub}) that owns the account
 */
public record AccountOpened(String accountId, String currency, long overdraftLimit, String ownerRef, String owner) {
}
