package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.transfer.PartOfTransfer;

/**
 * A hold became a posted debit of the account; the other leg posts against the currency's transit account,
 * which the matching {@link TransferCreditedEvent} debited.
 *
 * @param accountId       the debited account
 * @param holdId          the hold
 * @param transferId      the transfer
 * @param postingId       id of this posting (the statement entry id)
 * @param amount          the amount debited
 * @param balanceAfter    the account's balance afterwards
 * @param heldAfter       the sum of the account's open holds afterwards
 * @param contraAccountId the currency's transit account, e.g. {@code transit:EUR}
 */
public record HoldCapturedEvent(String accountId, String holdId, String transferId, String postingId, Money amount,
                                long balanceAfter, long heldAfter, String contraAccountId)
        implements Posting, PartOfTransfer, HoldChange {

    @Override
    public PostingDirection direction() {
        return PostingDirection.DEBIT;
    }
}
