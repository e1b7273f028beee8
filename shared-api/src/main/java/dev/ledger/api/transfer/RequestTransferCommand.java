package dev.ledger.api.transfer;

import dev.ledger.api.Metadata;
import dev.ledger.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to move money from one account to another of the same currency. Screened before any money moves.
 *
 * @param transferId           client-chosen or generated id
 * @param sourceAccountId      the account to debit
 * @param destinationAccountId the account to credit; different from the source
 * @param amount               strictly positive
 * @param reference            free text for both parties' statements, or {@code null}
 * @param requestedBy          the principal asking; it must own the source account
 * @param metadata             the client's labels; {@code null} means none
 */
public record RequestTransferCommand(@TargetAggregateIdentifier String transferId, String sourceAccountId,
                                     String destinationAccountId, Money amount, String reference,
                                     String requestedBy, Metadata metadata) {

    public RequestTransferCommand {
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    /** A request without labels (a transfer the ledger itself asks for carries none unless it says so). */
    public RequestTransferCommand(String transferId, String sourceAccountId, String destinationAccountId,
                                  Money amount, String reference, String requestedBy) {
        this(transferId, sourceAccountId, destinationAccountId, amount, reference, requestedBy, Metadata.EMPTY);
    }
}
