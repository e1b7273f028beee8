package dev.ledger.api.authorization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives back what an open authorization still reserves.
 *
 * @param authorizationId the authorization
 * @param requestedBy     the principal asking; it must own the authorization's account
 */
public record VoidAuthorizationCommand(@TargetAggregateIdentifier String authorizationId, String requestedBy) {
}
