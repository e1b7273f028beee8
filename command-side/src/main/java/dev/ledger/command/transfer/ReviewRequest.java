package dev.ledger.command.transfer;

import dev.ledger.api.transfer.ReviewDecision;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /transfers/{id}/review}. */
record ReviewRequest(@NotNull ReviewDecision decision,
                     @Size(max = 1024) String note) {
}
