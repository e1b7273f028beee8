package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.transfer.PartOfTransfer;

/**
 * A hold could not be placed; nothing was reserved. No longer recorded (a refused transfer now records only
 * its rejection); kept so that histories written before still read.
 *
 * @param accountId  the account
 * @param holdId     the hold that was asked for
 * @param transferId the transfer it was for
 * @param amount     the amount asked for
 * @param reason     why not
 */
public record HoldRejectedEvent(String accountId, String holdId, String transferId, Money amount,
                                RejectionReason reason) implements PartOfTransfer {
}
