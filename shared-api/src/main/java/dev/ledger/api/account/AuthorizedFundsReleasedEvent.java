package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.authorization.PartOfAuthorization;

/**
 * What an authorization still reserved went back to the account's available amount (voided or expired).
 *
 * @param accountId       the account
 * @param authorizationId the authorization
 * @param amount          the amount released
 * @param heldAfter       the sum the account holds afterwards
 * @param reason          why: {@code VOIDED} or {@code EXPIRED}
 */
public record AuthorizedFundsReleasedEvent(String accountId, String authorizationId, Money amount, long heldAfter,
                                           String reason) implements PartOfAuthorization, HoldChange {
}
