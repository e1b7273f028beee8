package dev.ledger.api.transfer;

import dev.ledger.api.RejectionReason;

/**
 * The transfer ended without moving money.
 *
 * @param transferId the transfer
 * @param reason     why
 * @param detail     human-readable detail (reviewer note, rule), or {@code null}
 */
public record TransferRejectedEvent(String transferId, RejectionReason reason, String detail)
        implements PartOfTransfer {
}
