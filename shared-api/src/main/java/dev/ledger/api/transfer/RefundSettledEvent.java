package dev.ledger.api.transfer;

import dev.ledger.api.Money;

/**
 * A refund completed: its reserved amount is refunded for good. On the original's stream, in the commit that
 * completes the refund.
 *
 * @param transferId the original transfer
 * @param refundId   the refund
 * @param amount     the refunded amount, in the original's currency
 */
public record RefundSettledEvent(String transferId, String refundId, Money amount) implements PartOfTransfer {
}
