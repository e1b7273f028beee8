package dev.ledger.command.transfer;

import dev.ledger.api.Money;
import dev.ledger.command.web.LedgerIdPattern;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Body of {@code POST /transfers}; {@code metadata} is checked by {@link dev.ledger.command.web.RequestMetadata}. */
@Schema(description = "Money to move from an account the caller owns to another account of the same currency.")
record TransferRequest(
        @Schema(description = "The transfer's id, or a generated UUID when absent. The same id with the same content "
                              + "answers the recorded transfer again; with other content it is "
                              + "`409 TRANSFER_ID_CONFLICT`. One namespace with accounts and authorizations.",
                example = "t-1", maxLength = 64)
        @Pattern(regexp = LedgerIdPattern.ID, message = "at most 64 characters of [A-Za-z0-9._:-]")
        String transferId,
        @Schema(description = "The account paying: one the caller owns (another owner's answers as an unknown "
                              + "account, `422 UNKNOWN_ACCOUNT`).", example = "alice", maxLength = 64)
        @NotNull @Pattern(regexp = LedgerIdPattern.ID, message = "at most 64 characters of [A-Za-z0-9._:-]")
        String sourceAccountId,
        @Schema(description = "The account paid: any account of the currency, not the source.", example = "bob",
                maxLength = 64)
        @NotNull @Pattern(regexp = LedgerIdPattern.ID, message = "at most 64 characters of [A-Za-z0-9._:-]")
        String destinationAccountId,
        @Schema(description = "Minor units, 1 to 10^15.", example = "1500", minimum = "1")
        @NotNull @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @Schema(description = "Both accounts' currency (otherwise `422 CURRENCY_MISMATCH`), upper-case ISO-4217.",
                example = "EUR")
        @NotNull @Pattern(regexp = LedgerIdPattern.CURRENCY, message = "an upper-case ISO-4217 code") String currency,
        @Schema(description = "Free text for both parties' statements.", example = "rent")
        @Size(max = 256) String reference,
        @Schema(description = "Your labels: at most 16, each key 1 to 64 characters of `[A-Za-z0-9._:-]`, each value "
                              + "a string of at most 256 characters without control characters (otherwise "
                              + "`400 METADATA_INVALID`). Part of the transfer's content, and visible to both "
                              + "parties.", maxProperties = 16, additionalPropertiesSchema = String.class)
        Map<String, Object> metadata) {
}
