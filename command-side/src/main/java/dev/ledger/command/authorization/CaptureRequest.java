package dev.ledger.command.authorization;

import dev.ledger.api.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /authorizations/{id}/captures}; the destination defaults to the authorization's. */
record CaptureRequest(
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,56}", message = "at most 56 characters of [A-Za-z0-9._:-]")
        String captureId,
        @NotNull @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "at most 64 characters of [A-Za-z0-9._:-]")
        String destinationAccountId) {
}
