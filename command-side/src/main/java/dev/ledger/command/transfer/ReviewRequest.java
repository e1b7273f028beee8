package dev.ledger.command.transfer;

import dev.ledger.api.transfer.ReviewDecision;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /transfers/{id}/review}. */
@Schema(description = "A compliance officer's decision on a transfer in review. The reviewer is the token's subject, "
                      + "never a field: a `reviewer` field is refused as unknown.")
record ReviewRequest(
        @Schema(description = "`APPROVE` captures the held amount, credits the destination and completes the "
                              + "transfer; `REJECT` releases the hold and rejects it.", example = "APPROVE")
        @NotNull ReviewDecision decision,
        @Schema(description = "Why, for compliance's record (the parties never see it).", example = "known customer")
        @Size(max = 1024) String note) {
}
