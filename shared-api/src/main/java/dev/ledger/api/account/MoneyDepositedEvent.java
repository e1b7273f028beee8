package dev.ledger.api.account;

import dev.ledger.api.Money;

/**
 * Money entered the ledger: {@code accountId} was credited and the system account {@code contraAccountId}
 * debited by the same amount, so the currency still sums to zero.
 *
 * @param accountId       the credited account
 * @param postingId       id of this posting (the statement entry id)
 * @param amount          the positive amount credited
 * @param balanceAfter    the account's balance after the credit, in minor units
 * @param contraAccountId the system account of the currency, e.g. {@code world:EUR}
 */
public record MoneyDepositedEvent(String accountId, String postingId, Money amount, long balanceAfter,
                                  String contraAccountId) implements Posting {

    @Override
    public PostingDirection direction() {
        return PostingDirection.CREDIT;
    }
}
