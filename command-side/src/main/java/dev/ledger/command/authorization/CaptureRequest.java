package dev.ledger.command.authorization;

import dev.ledger.api.Money;
import dev.ledger.command.web.LedgerIdPattern;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /authorizations/{id}/captures}; the destination defaults to the authorization's. */
@Schema(description = "Part (or the rest) of an authorization's reservation to pay out.")
record CaptureRequest(
        @Schema(description = "The capture's id within its authorization, or a generated UUID when absent; at most 56 "
                              + "characters, leaving room for the authorization's id in its statement entries. The "
                              + "same id with the same amount and destination answers the first capture again; "
                              + "otherwise `409 CAPTURE_ID_CONFLICT`.", example = "c-1", maxLength = 56)
        @Pattern(regexp = LedgerIdPattern.CAPTURE_ID, message = "at most 56 characters of [A-Za-z0-9._:-]")
        String captureId,
        @Schema(description = "Minor units, at most what the authorization still reserves.", example = "2000",
                minimum = "1")
        @NotNull @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @Schema(description = "The account paid: the authorization's destination when it names one (another is "
                              + "`422 CAPTURE_DESTINATION_MISMATCH`); otherwise required, any open account of the "
                              + "currency but the authorized one.", example = "bob", maxLength = 64)
        @Pattern(regexp = LedgerIdPattern.ID, message = "at most 64 characters of [A-Za-z0-9._:-]")
        String destinationAccountId) {
}
