package dev.ledger.command.backpressure;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sample of every watched processor's lag.
 *
 * @param at         when it was taken
 * @param head       the event store's newest position, {@code null} when empty
 * @param processors the watched processors found (or named and not started yet)
 * @param unreadable token tables that could not be read, with why: their processors count as unknown, not lagging
 */
record LagSnapshot(Instant at, Long head, List<ProcessorLag> processors, Map<String, String> unreadable) {

    /** Before the first sample. */
    static final LagSnapshot NONE = new LagSnapshot(Instant.EPOCH, null, List.of(), Map.of());

    LagSnapshot {
        processors = List.copyOf(processors);
        unreadable = Map.copyOf(unreadable);
    }

    /** The processor furthest behind among those beyond {@code maxLagEvents}, if any. */
    Optional<ProcessorLag> worstBeyond(long maxLagEvents) {
        return processors.stream().filter(lag -> lag.lagEvents() > maxLagEvents)
                         .max(Comparator.comparingLong(ProcessorLag::lagEvents));
    }

    boolean isStale(Instant now, Duration staleAfter) {
        return Duration.between(at, now).compareTo(staleAfter) > 0;
    }

    Optional<ProcessorLag> find(String tokenTable, String processor) {
        return processors.stream().filter(lag -> lag.tokenTable().equals(tokenTable)
                                                 && lag.processor().equals(processor)).findFirst();
    }
}
