package dev.ledger.command.account;

import dev.ledger.api.Money;
import dev.ledger.command.web.LedgerIdPattern;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Body of {@code POST /accounts}; {@code metadata} is checked by {@link dev.ledger.command.web.RequestMetadata}. */
@Schema(description = "An account to open.")
record OpenAccountRequest(
        @Schema(description = "The account's id, chosen by the client, or a generated UUID when absent. Ids are one "
                              + "namespace with transfers and authorizations. Ids starting with `world:` or `transit:` "
                              + "(in any letter case) are the ledger's own accounts and refused; a taken id is "
                              + "`409 ACCOUNT_ALREADY_EXISTS`.",
                example = "alice", maxLength = 64)
        @Pattern(regexp = LedgerIdPattern.ID, message = "at most 64 characters of [A-Za-z0-9._:-]")
        String accountId,
        @Schema(description = "The account's currency for its whole life: an upper-case ISO-4217 code.",
                example = "EUR")
        @NotNull @Pattern(regexp = LedgerIdPattern.CURRENCY, message = "an upper-case ISO-4217 code") String currency,
        @Schema(description = "How far below zero the balance may go, in minor units; 0 when absent. Credit is "
                              + "treasury's decision: a holder asking for any is refused (`403 ACCESS_DENIED`).",
                example = "5000", minimum = "0")
        @PositiveOrZero @Max(Money.MAX_OPERATION_AMOUNT) Long overdraftLimit,
        @Schema(description = "Your own reference for the owner (a customer number): shown on the account, and "
                              + "what screening's deny list matches owners by.", example = "cust-42")
        @Size(max = 128) String ownerRef,
        @Schema(description = "The principal (a token's subject) that owns the account: its holder reads it and pays "
                              + "out of it. The caller when absent; only treasury may name another.",
                example = "ledger-holder")
        @Size(max = 255) String owner,
        @Schema(description = "Your labels: at most 16, each key 1 to 64 characters of `[A-Za-z0-9._:-]`, each value "
                              + "a string of at most 256 characters without control characters (otherwise "
                              + "`400 METADATA_INVALID`). Stored, shown and listed by; never interpreted.",
                maxProperties = 16, additionalPropertiesSchema = String.class)
        Map<String, Object> metadata) {
}
