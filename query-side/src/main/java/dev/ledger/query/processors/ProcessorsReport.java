package dev.ledger.query.processors;

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
public record ProcessorsReport(Instant at, Head eventStore, List<ProcessorStatus> processors) {

    /** The processor running {@code processingGroup}. */
    Optional<ProcessorStatus> ofGroup(String processingGroup) {
        return processors.stream().filter(p -> p.processingGroups().contains(processingGroup)).findFirst();
    }

    /**
     * @param headPosition  the position of the newest event ({@code null}: the store is empty)
     * @param headTimestamp when it was appended ({@code null} when unknown)
     */
    public record Head(Long headPosition, Instant headTimestamp) {
    }
}
