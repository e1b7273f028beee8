package dev.ledger.api.query;

/**
 * One refund of a transfer, as the original records it.
 *
 * @param transferId the refund (a transfer of its own)
 * @param amount     minor units, in the original's currency
 * @param status     {@code IN_REVIEW} while the refund awaits its reviewer (its amount stays reserved), then
 *                   {@code COMPLETED}, {@code REJECTED} or {@code FAILED}
 */
public record RefundView(String transferId, long amount, String status) {
}
