package dev.ledger.command.authorization;

import dev.ledger.api.Money;
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
record AuthorizeRequest(
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "at most 64 characters of [A-Za-z0-9._:-]")
        String authorizationId,
        @NotNull @Positive @Max(Money.MAX_OPERATION_AMOUNT) Long amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an upper-case ISO-4217 code") String currency,
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "at most 64 characters of [A-Za-z0-9._:-]")
        String destinationAccountId,
        Instant expiresAt,
        @Size(max = 64) String timeout,
        @Size(max = 256) String reference) {
}
