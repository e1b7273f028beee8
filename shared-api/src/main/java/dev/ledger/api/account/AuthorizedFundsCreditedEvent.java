package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.authorization.PartOfAuthorization;

/**
 * A capture of an authorization credited its destination, against the currency's transit account that the
 * matching {@link AuthorizedFundsCapturedEvent} credited in the same commit. Not a {@link TransferCreditedEvent}:
 * readers of transfers key that one by transfer.
 *
 * @param accountId       the credited account
 * @param authorizationId the authorization
 * @param captureId       the capture
 * @param postingId       id of this posting (the statement entry id)
 * @param amount          the amount credited
 * @param balanceAfter    the account's balance afterwards
 * @param contraAccountId the currency's transit account, e.g. {@code transit:EUR}
 */
public record AuthorizedFundsCreditedEvent(String accountId, String authorizationId, String captureId,
                                           String postingId, Money amount, long balanceAfter,
                                           String contraAccountId) implements Posting, PartOfAuthorization {

    @Override
    public PostingDirection direction() {
        return PostingDirection.CREDIT;
    }
}
