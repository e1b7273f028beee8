package dev.ledger.api.authorization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the ledger at an authorization's expiry: releases what it still reserves. A no-op once the authorization
 * is closed, so a late or repeated expiry changes nothing.
 *
 * @param authorizationId the authorization
 */
public record ExpireAuthorizationCommand(@TargetAggregateIdentifier String authorizationId) {
}
