package dev.ledger.api.account;

import java.util.Map;

/**
 * An account was opened, with a zero balance.
 *
 * @param accountId      the new account
 * @param currency       the account's ISO-4217 currency
 * @param overdraftLimit how far below zero the balance may go, in minor units
 * @param ownerRef       the owner reference given at opening, or {@code null}
 * @param owner          the principal who owns it; {@code null} for accounts opened before the ledger had
 *                       principals, which nobody can pay out of
 * @param metadata       the client's labels ({@link dev.ledger.api.Metadata#entries()}); {@code null} in events from
 *                       before accounts had them, which means none
 */
public record AccountOpenedEvent(String accountId, String currency, long overdraftLimit, String ownerRef,
                                 String owner, Map<String, String> metadata) {

    /** An opening without labels. */
    public AccountOpenedEvent(String accountId, String currency, long overdraftLimit, String ownerRef, String owner) {
        this(accountId, currency, overdraftLimit, ownerRef, owner, Map.of());
    }
}
