package dev.ledger.query.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * @param processed   sequences handled completely (and removed from the queue)
 * @param failed      sequences in which a letter failed again: it stays parked with the new cause
 * @param failedAgain whether any did
 * @param sequences   sequences still parked afterwards
 * @param letters     letters still parked afterwards
 */
@Schema(description = "What a retry did, and what is still parked.")
record DeadLetterRetry(@Schema(requiredMode = RequiredMode.REQUIRED, example = "account-statement",
                               description = "The processing group.")
                       String group,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "1", minimum = "0",
                               description = "Sequences handled completely (they left the queue).")
                       int processed,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "0", minimum = "0",
                               description = "Sequences in which a letter failed again (it stays with its new cause).")
                       int failed,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                               description = "Whether any did.")
                       boolean failedAgain,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "0", minimum = "0",
                               description = "Sequences still parked.")
                       long sequences,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "0", minimum = "0",
                               description = "Letters still parked.")
                       long letters) {
}
