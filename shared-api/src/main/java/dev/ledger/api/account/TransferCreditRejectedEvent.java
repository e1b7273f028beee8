package dev.ledger.api.account;

import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.transfer.PartOfTransfer;

/**
 * A transfer's destination refused the credit (frozen, closed, other currency); nothing was posted. No longer
 * recorded (the transfer's rejection or failure says why); kept so that histories written before still read.
 *
 * @param accountId  the destination account
 * @param transferId the transfer
 * @param amount     the amount that was to be credited
 * @param reason     why not
 */
public record TransferCreditRejectedEvent(String accountId, String transferId, Money amount, RejectionReason reason)
        implements PartOfTransfer {
}
