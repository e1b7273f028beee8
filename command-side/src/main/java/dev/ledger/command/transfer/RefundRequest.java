package dev.ledger.command.transfer;

import dev.ledger.api.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /transfers/{id}/refunds}; every field is optional. No currency: a refund is in the original's.
 *
 * @param refundId  the refund's id (a transfer id), generated when absent
 * @param amount    minor units; absent: everything the original has left to refund
 * @param reference free text for both statements
 */
record RefundRequest(
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "at most 64 characters of [A-Za-z0-9._:-]")
        String refundId,
        @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @Size(max = 256) String reference) {
}
