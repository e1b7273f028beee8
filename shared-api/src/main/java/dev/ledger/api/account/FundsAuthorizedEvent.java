package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.authorization.PartOfAuthorization;

/**
 * Funds were reserved for an authorization: the account's available amount went down, its balance did not. Apart
 * from {@link HoldPlacedEvent}, which reserves for a transfer in review.
 *
 * @param accountId       the account
 * @param authorizationId the authorization
 * @param amount          the reserved amount
 * @param heldAfter       the sum the account holds afterwards (transfers' holds and authorizations together)
 */
public record FundsAuthorizedEvent(String accountId, String authorizationId, Money amount, long heldAfter)
        implements PartOfAuthorization, HoldChange {
}
