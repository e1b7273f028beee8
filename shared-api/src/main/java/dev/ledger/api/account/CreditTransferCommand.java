package dev.ledger.api.account;

import dev.ledger.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Credits a transfer's destination. Answered by {@link TransferCreditedEvent} or {@link TransferCreditRejectedEvent};
 * a second command for the same transfer has no further effect.
 *
 * @param accountId  the destination account
 * @param transferId the transfer
 * @param postingId  deterministic id of the resulting posting
 * @param amount     strictly positive, in the account's currency
 */
public record CreditTransferCommand(@TargetAggregateIdentifier String accountId, String transferId, String postingId,
                                    Money amount) {
}
