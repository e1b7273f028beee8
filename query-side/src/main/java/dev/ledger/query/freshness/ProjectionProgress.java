package dev.ledger.query.freshness;

import dev.ledger.platform.tokens.TokenTable;
import dev.ledger.platform.tokens.TrackingPositions;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * How far a read model has got: the lowest event-store position over its processor's segments (every event
 * below it is applied), whether it is replaying, and how far the replay has got.
 * <p>
 * The segments this node processes are read from memory. A node that processes none of them (another node holds
 * them all, or its processor is between a reset and claiming its segments again) reads the token table instead,
 * so that its answers say {@code REPLAYING} during a replay too, not {@code false} over half-empty tables.
 */
@Component
public class ProjectionProgress {

    private final EventProcessingConfiguration processing;
    private final TokenTable tokens;
    private final CommittedPositions committed;

    ProjectionProgress(EventProcessingConfiguration processing, TokenTable tokens, CommittedPositions committed) {
        this.processing = processing;
        this.tokens = tokens;
        this.committed = committed;
    }

    /** The progress of {@code processingGroup}, or an unknown position when no segment has a token yet. */
    public Progress of(String processingGroup) {
        StreamingEventProcessor processor = processorOf(processingGroup);
        if (processor == null) {
            return Progress.UNKNOWN;
        }
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            segments = tokens.entries(processor.getName()).stream().map(TokenTable.Entry::status).toList();
        }
        return progressOf(segments);
    }

    /**
     * The progress of {@code processingGroup} over every one of its segments: those this node processes from
     * memory, the others (another node's, or not claimed again yet after a restart, when claims come back one by
     * one) from the token table. For a judgement such as reconciliation's "the projection has passed this
     * position", which {@link #of} could make from this node's segments alone; it reads the token table each time.
     */
    public Progress ofEverySegment(String processingGroup) {
        StreamingEventProcessor processor = processorOf(processingGroup);
        if (processor == null) {
            return Progress.UNKNOWN;
        }
        Map<Integer, EventTrackerStatus> segments = new TreeMap<>(processor.processingStatus());
        tokens.entries(processor.getName()).forEach(entry -> segments.putIfAbsent(entry.segment(), entry.status()));
        return progressOf(segments.values());
    }

    /**
     * Whether {@code processingGroup} has applied every event at or below global position {@code position}, on
     * every one of its segments: each segment reads the whole stream and handles its share, so the read model is
     * complete up to a position only once the slowest segment has passed it. A segment has passed it when its token
     * is at or beyond it and none of its gaps at or below it holds a committed event ({@link CommittedPositions}: a
     * gap is a position the segment went past before anything was committed there). During a replay the lower bound
     * of the replay token counts (what has been rebuilt), not the position the replay will return to.
     * <p>
     * Segments this node processes are judged from memory, which a work package advances only after its batch has
     * committed (or at once when the batch had nothing for the segment); the others from the token table, which
     * moves with each committed batch. The table is read only when this node does not hold every segment.
     */
    public boolean hasApplied(String processingGroup, long position) {
        StreamingEventProcessor processor = processorOf(processingGroup);
        if (processor == null) {
            return false;
        }
        Map<Integer, EventTrackerStatus> segments = new TreeMap<>(processor.processingStatus());
        if (!coversEverySegment(segments.values())) {
            tokens.entries(processor.getName())
                  .forEach(entry -> segments.putIfAbsent(entry.segment(), entry.status()));
        }
        if (segments.isEmpty() || !coversEverySegment(segments.values())) {
            return false;
        }
        Set<Long> gapsAtOrBelow = new TreeSet<>();
        for (EventTrackerStatus status : segments.values()) {
            if (!hasReached(status.getTrackingToken(), position, gapsAtOrBelow)) {
                return false;
            }
        }
        return gapsAtOrBelow.isEmpty() || !committed.anyCommitted(gapsAtOrBelow);
    }

    /**
     * Whether one segment's token is at or beyond {@code position}; its gaps at or below the position are added to
     * {@code gaps} (they decide only if one of them holds a committed event).
     */
    static boolean hasReached(TrackingToken token, long position, Set<Long> gaps) {
        TrackingToken applied = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (applied == null || applied.position().orElse(-1) < position) {
            return false;
        }
        if (applied instanceof GapAwareTrackingToken gapAware) {
            gapAware.getGaps().stream().takeWhile(gap -> gap <= position).forEach(gaps::add);
        }
        return true;
    }

    /**
     * Whether the segments together cover the whole key space: each is {@code 1/(mask+1)} of it, so the shares sum
     * to one exactly when none is missing (segments are disjoint by construction).
     */
    private static boolean coversEverySegment(Collection<EventTrackerStatus> segments) {
        long whole = 1L << 31;
        long covered = 0;
        for (EventTrackerStatus status : segments) {
            Segment segment = status.getSegment();
            covered += whole / ((long) segment.getMask() + 1);
        }
        return covered == whole;
    }

    private StreamingEventProcessor processorOf(String processingGroup) {
        return processing.eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                         .orElse(null);
    }

    private static Progress progressOf(Collection<EventTrackerStatus> segments) {
        if (segments.isEmpty()) {
            return Progress.UNKNOWN;
        }
        long lowest = TrackingPositions.slowest(segments).orElse(-1);
        boolean replaying = false;
        double replayed = 1.0;
        for (EventTrackerStatus status : segments) {
            if (TrackingPositions.isReplaying(status)) {
                replaying = true;
                replayed = Math.min(replayed, TrackingPositions.replayFraction(status.getCurrentPosition(),
                                                                                status.getResetPosition()));
            }
        }
        return new Progress(lowest < 0 ? null : lowest, replaying, replaying ? replayed : null);
    }

    /**
     * @param position       event-store position every segment has passed, or {@code null} when unknown
     * @param replaying      whether the read model is being rebuilt
     * @param replayProgress while replaying, how far (0 to 1, the least advanced segment); otherwise {@code null}
     */
    public record Progress(Long position, boolean replaying, Double replayProgress) {

        static final Progress UNKNOWN = new Progress(null, false, null);

        /** The {@code processing} field for an answer that is otherwise caught up. */
        public Processing caughtUpState() {
            return replaying ? Processing.REPLAYING : Processing.CAUGHT_UP;
        }

        /** The {@code processing} field for an answer that is not caught up yet. */
        public Processing behindState() {
            return replaying ? Processing.REPLAYING : Processing.BEHIND;
        }

        /** {@code replayProgress} while replaying, nothing otherwise: for answers to add after {@code processing}. */
        public Map<String, Object> replayFields() {
            return replaying && replayProgress != null ? Map.of("replayProgress", replayProgress) : Map.of();
        }
    }
}
