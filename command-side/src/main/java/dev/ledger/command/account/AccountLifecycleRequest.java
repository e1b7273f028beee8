package dev.ledger.command.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /accounts/{id}/freeze}, {@code /unfreeze} and {@code /close}. */
@Schema(description = "Why the account's status changes; the whole body is optional.")
record AccountLifecycleRequest(
        @Schema(description = "Recorded with the change, for the account's history.", example = "aml check")
        @Size(max = 256) String reason) {
}
