package dev.ledger.query.processing;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * How far a read model has got: the lowest event-store position over its processor's segments (every event
 * below it is applied), and whether it is replaying.
 */
@Component
public class ProjectionProgress {

    private final EventProcessingConfiguration processing;

    ProjectionProgress(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** The progress of {@code processingGroup}, or an unknown position when this node processes no segment. */
    public Progress of(String processingGroup) {
        StreamingEventProcessor processor = processing.eventProcessor(processingGroup, StreamingEventProcessor.class)
                                                      .orElse(null);
        if (processor == null) {
            return Progress.UNKNOWN;
        }
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return Progress.UNKNOWN;
        }
        long lowest = Long.MAX_VALUE;
        boolean replaying = false;
        for (EventTrackerStatus status : segments) {
            OptionalLong position = status.getCurrentPosition();
            lowest = Math.min(lowest, position.orElse(-1));
            replaying |= status.isReplaying();
        }
        return new Progress(lowest < 0 ? null : lowest, replaying);
    }

    /**
     * @param position  event-store position every segment has passed, or {@code null} when unknown
     * @param replaying whether the read model is being rebuilt
     */
    public record Progress(Long position, boolean replaying) {

        static final Progress UNKNOWN = new Progress(null, false);

        /** The {@code processing} field for an answer that is otherwise caught up. */
        public Object caughtUpState() {
            return replaying ? "REPLAYING" : Boolean.FALSE;
        }

        /** The {@code processing} field for an answer that is not caught up yet. */
        public Object behindState() {
            return replaying ? "REPLAYING" : Boolean.TRUE;
        }

        Map<String, Object> asFields() {
            return position == null ? Map.of() : Map.of("position", position);
        }
    }
}
