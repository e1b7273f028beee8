package dev.ledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Turns a hold into a posted debit. Capturing an unknown, released or captured hold changes nothing and says so
 * in the {@link HoldOutcome} it returns.
 *
 * @param accountId  the account holding the reservation
 * @param holdId     the hold
 * @param transferId the transfer it was for
 * @param postingId  deterministic id of the resulting posting
 */
public record CaptureHoldCommand(@TargetAggregateIdentifier String accountId, String holdId, String transferId,
                                 String postingId) {
}
