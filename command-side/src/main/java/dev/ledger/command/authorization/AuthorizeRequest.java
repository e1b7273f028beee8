package dev.ledger.command.authorization;

import dev.ledger.api.Money;
import dev.ledger.command.web.LedgerIdPattern;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Body of {@code POST /accounts/{id}/authorizations}: {@code expiresAt} or {@code timeout} (ISO-8601, e.g.
 * {@code PT15M}), or neither for the default.
 */
@Schema(description = "An amount to reserve on the account in the path until it is captured, voided or expires. "
                      + "Give `expiresAt` or `timeout`, or neither for the default (7 days); the expiry must be 1 s to "
                      + "30 days from now (`ledger.authorizations.*`), otherwise `400 VALIDATION_FAILED`.")
record AuthorizeRequest(
        @Schema(description = "The authorization's id, or a generated UUID when absent. The same id with the same "
                              + "content answers the authorization as it stands; with other content (or an account's "
                              + "or a transfer's id) it is `409 AUTHORIZATION_ID_CONFLICT`.",
                example = "au-1", maxLength = 64)
        @Pattern(regexp = LedgerIdPattern.ID, message = "at most 64 characters of [A-Za-z0-9._:-]")
        String authorizationId,
        @Schema(description = "Minor units to reserve, 1 to 10^15.", example = "5000", minimum = "1")
        @NotNull @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @Schema(description = "The account's currency (otherwise `422 CURRENCY_MISMATCH`), upper-case ISO-4217.",
                example = "EUR")
        @NotNull @Pattern(regexp = LedgerIdPattern.CURRENCY, message = "an upper-case ISO-4217 code") String currency,
        @Schema(description = "The only account captures may pay, screened now with the authorization. Absent: each "
                              + "capture names its own destination.", example = "bob", maxLength = 64)
        @Pattern(regexp = LedgerIdPattern.ID, message = "at most 64 characters of [A-Za-z0-9._:-]")
        String destinationAccountId,
        @Schema(description = "When the reservation ends by itself, if not captured in full or voided before. Not "
                              + "with `timeout`.", example = "2026-12-02T13:00:00Z")
        Instant expiresAt,
        @Schema(description = "How long the reservation lasts, an ISO-8601 duration. Not with `expiresAt`.",
                example = "PT1H")
        @Size(max = 64) String timeout,
        @Schema(description = "Free text, e.g. the order paid.", example = "order 7")
        @Size(max = 256) String reference) {
}
