package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.transfer.PartOfTransfer;

/**
 * A transfer's source was debited, in the same commit as the destination's {@link TransferCreditedEvent}; the
 * other leg posts against the currency's transit account, which that credit settles in the same append.
 * No hold is involved: the transfer was screened, checked and posted at once.
 *
 * @param accountId       the debited account
 * @param transferId      the transfer
 * @param postingId       id of this posting (the statement entry id)
 * @param amount          the amount debited
 * @param balanceAfter    the account's balance afterwards
 * @param contraAccountId the currency's transit account, e.g. {@code transit:EUR}
 */
public record TransferDebitedEvent(String accountId, String transferId, String postingId, Money amount,
                                   long balanceAfter, String contraAccountId)
        implements Posting, PartOfTransfer {

    @Override
    public PostingDirection direction() {
        return PostingDirection.DEBIT;
    }
}
