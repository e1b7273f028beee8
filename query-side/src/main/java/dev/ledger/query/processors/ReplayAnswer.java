package dev.ledger.query.processors;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** {@code POST /admin/processors/{name}/replay}: the replay set up, and the processor as it runs it. */
@Schema(description = "The replay that was set up and started, and the processor's status once started again.")
record ReplayAnswer(@Schema(requiredMode = RequiredMode.REQUIRED) ProcessorReplays.Replay replay,
                    @Schema(requiredMode = RequiredMode.REQUIRED) ProcessorStatus processor) {
}
