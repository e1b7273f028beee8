package dev.ledger.events.v1;

import java.util.Map;

/**
 * An account was opened.
 *
 * @param overdraftLimit how far below zero the balance may go, in minor units
 * @param ownerRef       the caller's own reference for the owner, if it gave one
 * @param owner          the subject (token {@code sub}) that owns the account
 * @param metadata       the client's labels given at opening ({@code {}} for none); added to version 1 as an
 *                       optional field, so a consumer built before it reads the event as it did
 */
public record AccountOpened(String accountId, String currency, long overdraftLimit, String ownerRef, String owner,
                            Map<String, String> metadata) {

    /** An opening without labels. */
    public AccountOpened(String accountId, String currency, long overdraftLimit, String ownerRef, String owner) {
        this(accountId, currency, overdraftLimit, ownerRef, owner, Map.of());
    }
}
