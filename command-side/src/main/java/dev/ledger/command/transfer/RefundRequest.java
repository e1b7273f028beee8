package dev.ledger.command.transfer;

import dev.ledger.api.Money;
import dev.ledger.command.web.LedgerIdPattern;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(description = "A refund of the transfer in the path; every field is optional. No currency: a refund is in "
                      + "the original's.")
record RefundRequest(
        @Schema(description = "The refund's id (a transfer id), or a generated UUID when absent. The same id with the "
                              + "same content answers the recorded refund again; with other content it is "
                              + "`409 TRANSFER_ID_CONFLICT`.", example = "r-1", maxLength = 64)
        @Pattern(regexp = LedgerIdPattern.ID, message = "at most 64 characters of [A-Za-z0-9._:-]")
        String refundId,
        @Schema(description = "Minor units, at most what the original has left to refund (its amount minus completed "
                              + "refunds and refunds in review); absent: all of that.", example = "500",
                minimum = "1")
        @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @Schema(description = "Free text for both parties' statements.", example = "returned item")
        @Size(max = 256) String reference) {
}
