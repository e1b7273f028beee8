package dev.ledger.api.account;

import dev.ledger.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserves funds on an account for a transfer. Answered by {@link HoldPlacedEvent} or, when the account cannot
 * cover it or is not open, by {@link HoldRejectedEvent} (an outcome the transfer reacts to, not an error).
 * Sending it again with the same hold id has no further effect.
 *
 * @param accountId  the account to reserve on (the transfer's source)
 * @param holdId     deterministic id derived from the transfer
 * @param transferId the transfer the hold is for
 * @param amount     strictly positive, in the account's currency
 */
public record PlaceHoldCommand(@TargetAggregateIdentifier String accountId, String holdId, String transferId,
                               Money amount) {
}
