package dev.ledger.api.transfer;

import dev.ledger.api.Money;

/**
 * Part of a completed transfer's amount is reserved for a refund, on the original's stream, in the commit that
 * requests the refund: from now on it is no longer refundable, whatever the refund's outcome is still to be. The
 * reservation ends with {@link RefundSettledEvent} (the refund completed) or {@link RefundReleasedEvent} (it did not
 * move money), in the commit that ends the refund.
 *
 * @param transferId the original transfer
 * @param refundId   the refund (a transfer of its own)
 * @param amount     the reserved amount, in the original's currency
 */
public record RefundReservedEvent(String transferId, String refundId, Money amount) implements PartOfTransfer {
}
