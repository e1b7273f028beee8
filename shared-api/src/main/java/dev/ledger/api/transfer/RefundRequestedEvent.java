package dev.ledger.api.transfer;

/**
 * The transfer is a refund of another one: on the refund's own stream, in the commit that requests it (after its
 * {@link TransferRequestedEvent} and {@link TransferScreenedEvent}). The original records its side of it with
 * {@link RefundReservedEvent} in the same commit.
 *
 * @param transferId the refund
 * @param refundOf   the transfer it pays back
 */
public record RefundRequestedEvent(String transferId, String refundOf) implements PartOfTransfer {
}
