package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.transfer.PartOfTransfer;

/**
 * A transfer's destination was credited; the other leg posts against the currency's transit account until the
 * source's hold is captured.
 *
 * @param accountId       the credited account
 * @param transferId      the transfer
 * @param postingId       id of this posting (the statement entry id)
 * @param amount          the amount credited
 * @param balanceAfter    the account's balance afterwards
 * @param contraAccountId the currency's transit account, e.g. {@code transit:EUR}
 */
public record TransferCreditedEvent(String accountId, String transferId, String postingId, Money amount,
                                    long balanceAfter, String contraAccountId)
        implements Posting, PartOfTransfer {

    @Override
    public PostingDirection direction() {
        return PostingDirection.CREDIT;
    }
}
