package dev.ledger.command.backpressure;

import dev.ledger.platform.tokens.TrackingPositions;
import java.util.Collection;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;

/**
 * How far one watched processor is behind the event store's head.
 *
 * @param tokenTable  the table holding its tokens
 * @param processor   its name
 * @param position    the position of its slowest segment, {@code null} when it has no tokens yet
 * @param lagEvents   event-store positions of accepted work it has not processed (see {@link #backlog})
 * @param replaying   whether a segment is rebuilding (a replay an operator started)
 * @param drainRate   positions it advanced per second lately (smoothed), 0 when unknown
 */
record ProcessorLag(String tokenTable, String processor, Long position, long lagEvents, boolean replaying,
                    double drainRate) {

    /** A processor without tokens has not started: nothing is waiting for it yet, so it does not lag. */
    static ProcessorLag notStarted(String tokenTable, String processor) {
        return new ProcessorLag(tokenTable, processor, null, 0, false, 0.0);
    }

    static ProcessorLag of(String tokenTable, String processor, Long head,
                           Collection<? extends EventTrackerStatus> segments, double drainRate) {
        OptionalLong slowest = TrackingPositions.slowest(segments);
        if (slowest.isEmpty()) {
            return notStarted(tokenTable, processor);
        }
        boolean replaying = segments.stream().anyMatch(TrackingPositions::isReplaying);
        return new ProcessorLag(tokenTable, processor, slowest.getAsLong(), backlog(head, segments), replaying,
                                drainRate);
    }

    /**
     * Positions between the head and the slowest segment, except that a replaying segment counts from the position
     * it had when the replay started. A replay re-reads history on purpose; counting it would refuse every payment
     * for as long as an operator's rebuild takes, although the work clients are waiting for (events after the
     * reset) is no further behind than before it. Events appended during the replay still count, so a replay that
     * stalls or cannot keep up with new work is bounded by the same limit as any other lag.
     */
    static long backlog(Long head, Collection<? extends EventTrackerStatus> segments) {
        long from = segments.stream().mapToLong(status -> {
            long position = status.getCurrentPosition().orElse(-1);
            return TrackingPositions.isReplaying(status)
                    ? Math.max(position, status.getResetPosition().orElse(position)) : position;
        }).min().orElse(Long.MAX_VALUE);
        return from == Long.MAX_VALUE ? 0 : TrackingPositions.lag(head, from);
    }

    /** {@code schema.table/processor}: how health and logs name it. */
    String key() {
        return tokenTable + "/" + processor;
    }
}
