package dev.ledger.command.transfer;

import dev.ledger.api.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Body of {@code POST /transfers}; {@code metadata} is checked by {@link dev.ledger.command.web.RequestMetadata}. */
record TransferRequest(
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "at most 64 characters of [A-Za-z0-9._:-]")
        String transferId,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "at most 64 characters of [A-Za-z0-9._:-]")
        String sourceAccountId,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "at most 64 characters of [A-Za-z0-9._:-]")
        String destinationAccountId,
        @NotNull @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an upper-case ISO-4217 code") String currency,
        @Size(max = 256) String reference,
        Map<String, Object> metadata) {
}
