package dev.ledger.api.authorization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Posts part (or all) of what an authorization still reserves to a destination account.
 *
 * @param authorizationId      the authorization
 * @param captureId            client-chosen or generated id, unique within the authorization: a resubmitted
 *                             capture with the same content is answered as the first, never posted twice
 * @param amount               minor units in the authorization's currency, at most what remains
 * @param destinationAccountId the account credited, or {@code null} for the authorization's destination
 * @param requestedBy          the principal asking
 * @param byTreasury           whether the principal acts as treasury (which may capture any authorization)
 */
public record CaptureAuthorizationCommand(@TargetAggregateIdentifier String authorizationId, String captureId,
                                          long amount, String destinationAccountId, String requestedBy,
                                          boolean byTreasury) {
}
