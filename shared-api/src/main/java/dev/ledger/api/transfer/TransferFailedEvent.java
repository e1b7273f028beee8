package dev.ledger.api.transfer;

import dev.ledger.api.RejectionReason;

/**
 * The transfer stopped after funds were reserved; the reservation was released, so no money moved.
 *
 * @param transferId the transfer
 * @param reason     why
 * @param detail     human-readable detail, or {@code null}
 */
public record TransferFailedEvent(String transferId, RejectionReason reason, String detail) implements PartOfTransfer {
}
