package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.transfer.PartOfTransfer;

/**
 * Funds were reserved: the account's available amount went down, its balance did not.
 *
 * @param accountId  the account
 * @param holdId     the hold
 * @param transferId the transfer it is for
 * @param amount     the reserved amount
 * @param heldAfter  the sum of the account's open holds afterwards
 */
public record HoldPlacedEvent(String accountId, String holdId, String transferId, Money amount, long heldAfter)
        implements PartOfTransfer, HoldChange {
}
