package dev.ledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to pay (part of) a completed transfer back: a new transfer in the opposite direction, from the original's
 * destination to its source, in the original's currency, screened like any transfer. The original records the
 * refund in the same commit, so the refunds of a transfer never add up to more than its amount.
 *
 * @param transferId  the transfer to refund (the original); routed by it, so one original's refunds meet in one
 *                    place
 * @param refundId    the new transfer's id, client-chosen or generated
 * @param amount      minor units of the original's currency, strictly positive; {@code null} for everything the
 *                    original still has to refund
 * @param reference   free text for both parties' statements, or {@code null}
 * @param requestedBy the principal asking; it must own the original's destination account, which pays the refund
 */
public record RefundTransferCommand(@TargetAggregateIdentifier String transferId, String refundId, Long amount,
                                    String reference, String requestedBy) {
}
