package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.transfer.PartOfTransfer;

/**
 * Reserved funds were given back to the account's available amount.
 *
 * @param accountId  the account
 * @param holdId     the hold
 * @param transferId the transfer it was for
 * @param amount     the amount released
 * @param heldAfter  the sum of the account's open holds afterwards
 * @param reason     why it was released
 */
public record HoldReleasedEvent(String accountId, String holdId, String transferId, Money amount, long heldAfter,
                                String reason) implements PartOfTransfer, HoldChange {
}
