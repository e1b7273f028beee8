package dev.ledger.query.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** One group's parked letters; {@code truncated} when there are more than the page shows. */
@Schema(description = "One processing group's dead-letter queue.")
record DeadLetterQueue(@Schema(requiredMode = RequiredMode.REQUIRED, example = "account-statement",
                               description = "The processing group.")
                       String group,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "1", minimum = "0",
                               description = "Sequences (accounts, or transfers) parked.")
                       long sequences,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "3", minimum = "0",
                               description = "Letters (events) parked.")
                       long letters,
                       @Schema(requiredMode = RequiredMode.REQUIRED,
                               description = "The oldest letters, sequences oldest first, each in its order.")
                       List<ParkedLetter> items,
                       @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                               description = "Whether more letters are parked than `items` shows.")
                       boolean truncated) {
}
