package dev.ledger.query.account;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.query.freshness.Freshness;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigInteger;
import java.time.Instant;

/**
 * {@code GET /accounts/{id}/balance}: the balance now, after a version or at an instant, and how fresh it is;
 * while behind, only the account id and the latter.
 */
@Schema(description = "An account's balance and held sum now, right after a version, or at an instant, and how "
                      + "fresh that is. While the read model is behind (`processing: true`) only `accountId` and "
                      + "the freshness fields.")
record BalanceAnswer(@Schema(requiredMode = RequiredMode.REQUIRED, example = "alice", description = "The account.")
                     String accountId,
                     @JsonUnwrapped Figures figures,
                     @JsonUnwrapped Freshness freshness) {

    record Figures(@Schema(example = "EUR", pattern = "^[A-Z]{3}$", description = "The account's currency.")
                   String currency,
                   @Schema(type = "number", multipleOf = 1, example = "1996500",
                           description = "The posted balance, in minor units, at that version: a JSON integer, "
                                         + "beyond 64 bits only for a system account (so `number`: a generated "
                                         + "client reads a BigDecimal).")
                   BigInteger balance,
                   @Schema(example = "1500000", minimum = "0",
                           description = "The sum held by open holds and authorizations at that version, minor units.")
                   long held,
                   @Schema(type = "number", multipleOf = 1, example = "501500",
                           description = "`balance + overdraftLimit - held`, minor units (a JSON integer): what the "
                                         + "account could still pay out at that version.")
                   BigInteger available,
                   @Schema(example = "5000", minimum = "0",
                           description = "How far below zero the balance may go (the account's current limit).")
                   long overdraftLimit,
                   @Schema(example = "5", minimum = "-1",
                           description = "The account version these figures are right after (`-1`: a system "
                                         + "account).")
                   long version,
                   @Schema(example = "2026-01-31T12:00:00Z",
                           description = "When that version was written.")
                   Instant at) {
    }
}
