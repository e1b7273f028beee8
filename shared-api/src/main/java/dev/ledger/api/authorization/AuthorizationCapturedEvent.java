package dev.ledger.api.authorization;

import dev.ledger.api.Money;

/**
 * Part of an authorization was captured: posted from the account to a destination in the same commit (see
 * {@link dev.ledger.api.account.AuthorizedFundsCapturedEvent} and
 * {@link dev.ledger.api.account.AuthorizedFundsCreditedEvent}). A capture that leaves nothing closes it.
 *
 * @param authorizationId      the authorization
 * @param captureId            the capture, unique within the authorization
 * @param accountId            the debited account
 * @param destinationAccountId the credited account
 * @param amount               the amount captured
 * @param capturedTotal        the sum of all captures so far, this one included
 * @param remaining            what the authorization still reserves afterwards
 * @param capturedBy           the principal who captured
 */
public record AuthorizationCapturedEvent(String authorizationId, String captureId, String accountId,
                                         String destinationAccountId, Money amount, long capturedTotal,
                                         long remaining, String capturedBy) implements PartOfAuthorization {
}
