package dev.ledger.command.account;

import dev.ledger.api.Money;
import dev.ledger.command.web.LedgerIdPattern;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Body of a deposit or a withdrawal. The currency is repeated on purpose: a mismatch is refused, never converted. */
@Schema(description = "An amount of money entering or leaving the ledger through an account.")
record MoneyMovementRequest(
        @Schema(description = "Minor units (cents for EUR), 1 to 10^15.", example = "10000", minimum = "1")
        @NotNull @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @Schema(description = "The account's currency, repeated on purpose: another one is refused "
                              + "(`422 CURRENCY_MISMATCH`), never converted.", example = "EUR")
        @NotNull @Pattern(regexp = LedgerIdPattern.CURRENCY, message = "an upper-case ISO-4217 code") String currency) {
}
