package dev.ledger.api.authorization;

import dev.ledger.api.Money;

/**
 * An authorization was voided: what it still reserved went back to the account in the same commit.
 *
 * @param authorizationId the authorization
 * @param accountId       the account
 * @param released        the amount given back
 * @param voidedBy        the principal who voided it
 */
public record AuthorizationVoidedEvent(String authorizationId, String accountId, Money released, String voidedBy)
        implements PartOfAuthorization {
}
