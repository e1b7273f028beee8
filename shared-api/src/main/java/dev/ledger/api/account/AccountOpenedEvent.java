package dev.ledger.api.account;

/**
 * An account was opened, with a zero balance.
 *
 * @param accountId      the new account
 * @param currency       the account's ISO-4217 currency
 * @param overdraftLimit how far below zero the balance may go, in minor units
 * @param ownerRef       the owner reference given at opening, or {@code null}
 * @param owner          the principal who owns it; {@code null} for accounts opened before the ledger had
 *                       principals, which nobody can pay out of
 */
public record AccountOpenedEvent(String accountId, String currency, long overdraftLimit, String ownerRef,
                                 String owner) {
}
