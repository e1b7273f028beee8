package dev.ledger.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives reserved funds back (compensation). Releasing an unknown, released or captured hold changes nothing
 * and says so in the {@link HoldOutcome} it returns.
 *
 * @param accountId  the account holding the reservation
 * @param holdId     the hold
 * @param transferId the transfer it was for
 * @param reason     why it is released
 */
public record ReleaseHoldCommand(@TargetAggregateIdentifier String accountId, String holdId, String transferId,
                                 String reason) {
}
