package dev.ledger.command.transfer;

import dev.ledger.api.transfer.ReviewDecision;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /transfers/{id}/review}. */
record ReviewRequest(@NotNull ReviewDecision decision,
                     @NotBlank @Size(max = 128) String reviewer,
                     @Size(max = 1024) String note) {
}
