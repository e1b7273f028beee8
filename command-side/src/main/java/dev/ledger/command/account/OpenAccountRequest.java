package dev.ledger.command.account;

import dev.ledger.api.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Body of {@code POST /accounts}; {@code metadata} is checked by {@link dev.ledger.command.web.RequestMetadata}. */
record OpenAccountRequest(
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "at most 64 characters of [A-Za-z0-9._:-]")
        String accountId,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an upper-case ISO-4217 code") String currency,
        @PositiveOrZero @Max(Money.MAX_OPERATION_AMOUNT) Long overdraftLimit,
        @Size(max = 128) String ownerRef,
        @Size(max = 255) String owner,
        Map<String, Object> metadata) {
}
