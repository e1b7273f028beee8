package dev.ledger.api.account;

import dev.ledger.api.Money;

/**
 * Money left the ledger: {@code accountId} was debited and the system account {@code contraAccountId}
 * credited by the same amount.
 *
 * @param accountId       the debited account
 * @param postingId       id of this posting (the statement entry id)
 * @param amount          the positive amount debited
 * @param balanceAfter    the account's balance after the debit, in minor units (may be negative up to the
 *                        overdraft limit)
 * @param contraAccountId the system account of the currency, e.g. {@code world:EUR}
 */
public record MoneyWithdrawnEvent(String accountId, String postingId, Money amount, long balanceAfter,
                                  String contraAccountId) implements Posting {

    @Override
    public PostingDirection direction() {
        return PostingDirection.DEBIT;
    }
}
