package dev.ledger.api.transfer;

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
 */
public record RequestTransferCommand(@TargetAggregateIdentifier String transferId, String sourceAccountId,
                                     String destinationAccountId, Money amount, String reference,
                                     String requestedBy) {
}
