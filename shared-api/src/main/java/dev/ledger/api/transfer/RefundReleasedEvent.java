package dev.ledger.api.transfer;

import dev.ledger.api.Money;

/**
 * A refund ended without moving money (screening, an account that could not pay or receive it, its review
 * rejected or expired): its reservation is given back and the amount is refundable again. On the original's
 * stream, in the commit that ends the refund.
 *
 * @param transferId   the original transfer
 * @param refundId     the refund
 * @param amount       the amount given back, in the original's currency
 * @param refundStatus how the refund ended: {@code REJECTED} or {@code FAILED} (why: on the refund's own stream)
 */
public record RefundReleasedEvent(String transferId, String refundId, Money amount, TransferStatus refundStatus)
        implements PartOfTransfer {
}
