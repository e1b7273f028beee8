package dev.ledger.api.account;

import dev.ledger.api.Metadata;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a customer account in one currency.
 *
 * @param accountId      client-chosen or generated id (see {@link dev.ledger.api.LedgerIds})
 * @param currency       ISO-4217 code; every posting on the account is in this currency
 * @param overdraftLimit how far below zero the balance may go, in minor units, {@code >= 0}
 * @param ownerRef       optional reference to the owner in the client's systems (used by screening)
 * @param owner          the principal (token subject) who owns the account: only it may pay out of it
 * @param metadata       the client's labels; {@code null} means none
 */
public record OpenAccountCommand(@TargetAggregateIdentifier String accountId,
                                 String currency,
                                 long overdraftLimit,
                                 String ownerRef,
                                 String owner,
                                 Metadata metadata) {

    public OpenAccountCommand {
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    /** An opening without labels. */
    public OpenAccountCommand(String accountId, String currency, long overdraftLimit, String ownerRef, String owner) {
        this(accountId, currency, overdraftLimit, ownerRef, owner, Metadata.EMPTY);
    }
}
