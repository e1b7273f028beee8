package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.authorization.PartOfAuthorization;

/**
 * Part of an authorization's reservation became a posted debit of the account, against the currency's transit
 * account; the matching {@link AuthorizedFundsCreditedEvent} of the destination, in the same commit, takes it out
 * of transit again.
 *
 * @param accountId       the debited account
 * @param authorizationId the authorization
 * @param captureId       the capture
 * @param postingId       id of this posting (the statement entry id)
 * @param amount          the amount debited
 * @param balanceAfter    the account's balance afterwards
 * @param heldAfter       the sum the account holds afterwards
 * @param contraAccountId the currency's transit account, e.g. {@code transit:EUR}
 */
public record AuthorizedFundsCapturedEvent(String accountId, String authorizationId, String captureId,
                                           String postingId, Money amount, long balanceAfter, long heldAfter,
                                           String contraAccountId) implements Posting, PartOfAuthorization, HoldChange {

    @Override
    public PostingDirection direction() {
        return PostingDirection.DEBIT;
    }
}
