package dev.ledger.command.account;

import dev.ledger.api.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Body of a deposit or a withdrawal. The currency is repeated on purpose: a mismatch is refused, never converted. */
record MoneyMovementRequest(
        @NotNull @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an upper-case ISO-4217 code") String currency) {
}
