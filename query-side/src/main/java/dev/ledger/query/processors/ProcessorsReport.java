package dev.ledger.query.processors;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code GET /admin/processors}.
 *
 * @param at         when it was computed
 * @param eventStore the event store's head
 * @param processors every event processor, by name
 */
@Schema(description = "Every event processor of this node, with the event store's head to measure lag against.")
public record ProcessorsReport(@Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-01-31T12:00:00Z",
                                       description = "When this report was computed.")
                               Instant at,
                               @Schema(requiredMode = RequiredMode.REQUIRED, description = "The event store's head.")
                               Head eventStore,
                               @Schema(requiredMode = RequiredMode.REQUIRED, description = "Every processor, by name.")
                               List<ProcessorStatus> processors) {

    /** The processor running {@code processingGroup}. */
    Optional<ProcessorStatus> ofGroup(String processingGroup) {
        return processors.stream().filter(p -> p.processingGroups().contains(processingGroup)).findFirst();
    }

    /**
     * @param headPosition  the position of the newest event ({@code null}: the store is empty)
     * @param headTimestamp when it was appended ({@code null} when unknown)
     */
    @Schema(name = "EventStoreHead")
    public record Head(@Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "1234",
                               description = "The position (global index) of the newest event; `null`: the store is "
                                             + "empty.")
                       Long headPosition,
                       @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "2026-01-31T12:00:00Z",
                               description = "When it was appended; `null` when unknown.")
                       Instant headTimestamp) {
    }
}
