package dev.ledger.api.authorization;

import dev.ledger.api.Money;

/**
 * An authorization reached its expiry: what it still reserved went back to the account in the same commit.
 *
 * @param authorizationId the authorization
 * @param accountId       the account
 * @param released        the amount given back
 */
public record AuthorizationExpiredEvent(String authorizationId, String accountId, Money released)
        implements PartOfAuthorization {
}
