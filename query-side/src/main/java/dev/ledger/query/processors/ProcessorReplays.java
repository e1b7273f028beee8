package dev.ledger.query.processors;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Replays a processor: shut it down, move its tokens back, start it again. Two kinds:
 * <ul>
 *     <li><b>rebuild</b> (no start given): Axon's reset. The processor's {@code @ResetHandler}s empty its read model
 *     (and its dead-letter queue) and every segment replays the store from the tail, in one transaction with the new
 *     tokens.</li>
 *     <li><b>redelivery</b> (from a position or a time): the tokens move back to that point <em>without</em> a
 *     reset, and the events after it are delivered again, as replays, to the read model as it is. Our reset
 *     handlers empty whole tables, so a reset followed by a replay of only the later events would leave a read
 *     model without everything before the point, and claim to be caught up. Handlers are idempotent, so events
 *     already applied change nothing; use it to re-apply events a projection may have missed, and a rebuild to
 *     start over.</li>
 * </ul>
 * A segment another node has claimed makes the replay fail (the tokens cannot be taken); the processor is started
 * again with its tokens unchanged.
 */
@Component
public class ProcessorReplays {

    private static final Logger log = LoggerFactory.getLogger(ProcessorReplays.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Set<String> settingUp = ConcurrentHashMap.newKeySet();

    ProcessorReplays(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** Whether this node is between shutting {@code processorName} down for a replay and starting it again. */
    public boolean isSettingUp(String processorName) {
        return settingUp.contains(processorName);
    }

    /**
     * Replays {@code processorName} from {@code start}, and starts it again whatever happens.
     *
     * @throws UnknownProcessorException when there is no such processor
     * @throws ReplayRefusedException    when it cannot replay, a replay is already being set up, or another node
     *                                   holds a segment
     */
    public Replay replay(String processorName, ReplayStart start) {
        EventProcessor processor = processing.eventProcessors().get(processorName);
        if (processor == null) {
            throw new UnknownProcessorException(processorName);
        }
        if (!(processor instanceof StreamingEventProcessor streaming)
                || (!streaming.supportsReset() && !start.republish())) {
            throw new ReplayRefusedException("processor " + processorName + " does not support a replay "
                                                     + "(not a streaming processor, or a handler disallows replays;"
                                                     + " a relay publishes again only with republish=true)");
        }
        if (!settingUp.add(processorName)) {
            throw new ReplayRefusedException("a replay of " + processorName + " is already being set up");
        }
        try {
            log.info("replay of {} requested: {}", processorName, start);
            streaming.shutDown();
            try {
                if (start.isFullRebuild()) {
                    streaming.resetTokens(StreamableMessageSource::createTailToken);
                } else {
                    redeliver(processorName, start);
                }
            } catch (UnableToClaimTokenException e) {
                throw new ReplayRefusedException("a segment of " + processorName + " is claimed by another node; "
                                                         + "stop the processor there first (" + e.getMessage() + ")");
            } finally {
                streaming.start();
            }
            log.info("replay of {} started", processorName);
            return new Replay(processorName, start.mode(),
                              start.position(), start.time(), Instant.now());
        } finally {
            settingUp.remove(processorName);
        }
    }

    private void redeliver(String processorName, ReplayStart start) {
        TrackingToken from = start.time() != null ? eventStore.createTokenAt(start.time()) : tokenAt(start.position());
        long fromPosition = from == null || from.position().isEmpty() ? -1 : from.position().getAsLong();
        TokenStore tokenStore = processing.tokenStore(processorName);
        processing.transactionManager(processorName).executeInTransaction(() -> {
            for (int segment : tokenStore.fetchSegments(processorName)) {
                TrackingToken current = tokenStore.fetchToken(processorName, segment);
                if (current == null || from == null || current.position().orElse(-1) < fromPosition) {
                    // has not got that far: nothing to deliver again, and moving it forward would skip events
                    continue;
                }
                TrackingToken back = keepingGaps(from, current);
                // as a replay, handlers that disallow replays skip the events; as plain events, they all run again
                tokenStore.storeToken(start.republish() ? back : ReplayToken.createReplayToken(current, back),
                                      processorName, segment);
            }
        });
    }

    /**
     * A token at {@code position} of the kind the event store hands out: gap-aware on PostgreSQL, a plain global
     * sequence with Axon Server.
     */
    private TrackingToken tokenAt(long position) {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return null;
        }
        return head instanceof GapAwareTrackingToken ? GapAwareTrackingToken.newInstance(position, Set.of())
                : new GlobalSequenceTrackingToken(position);
    }

    /**
     * The start token with the segment's gaps below it: appends still in flight below the start were not delivered
     * yet either, and a start token without them would never deliver them.
     */
    private static TrackingToken keepingGaps(TrackingToken from, TrackingToken current) {
        if (from instanceof GapAwareTrackingToken start
                && WrappedToken.unwrapLowerBound(current) instanceof GapAwareTrackingToken segment) {
            SortedSet<Long> gaps = segment.getGaps().headSet(start.getIndex());
            return GapAwareTrackingToken.newInstance(start.getIndex(), gaps);
        }
        return from;
    }

    /**
     * Where a replay starts: the tail (a rebuild), or a position or time (a redelivery).
     *
     * @param position  replay the events after this event-store position
     * @param time      replay the events appended at or after this instant
     * @param republish deliver them as new events, not as a replay: a processor whose handlers disallow replays
     *                  (the integration-event relay) handles them again, and so publishes them again
     */
    public record ReplayStart(Long position, Instant time, boolean republish) {

        public ReplayStart(Long position, Instant time) {
            this(position, time, false);
        }

        public static ReplayStart tail() {
            return new ReplayStart(null, null);
        }

        boolean isFullRebuild() {
            return position == null && time == null;
        }

        String mode() {
            return isFullRebuild() ? Replay.REBUILD : republish ? Replay.REPUBLISH : Replay.REDELIVERY;
        }
    }

    /**
     * A replay that has been set up and started.
     *
     * @param mode        {@value #REBUILD}, {@value #REDELIVERY} or {@value #REPUBLISH}
     * @param requestedAt when the tokens were reset
     */
    @Schema(description = "A replay that has been set up and started.")
    public record Replay(@Schema(requiredMode = RequiredMode.REQUIRED, example = "account-summary",
                                 description = "The processor replaying.")
                         String processor,
                         @Schema(requiredMode = RequiredMode.REQUIRED, example = Replay.REBUILD,
                                 allowableValues = {Replay.REBUILD, Replay.REDELIVERY, Replay.REPUBLISH},
                                 description = "`REBUILD`: its tables were emptied and every event is applied again; "
                                               + "`REDELIVERY`: the events from the start point reach the read model "
                                               + "again as replays; `REPUBLISH`: they are delivered as new events "
                                               + "(the relay publishes them again).")
                         String mode,
                         @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "100000",
                                 description = "The `fromPosition` asked for.")
                         Long fromPosition,
                         @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true,
                                 example = "2026-01-31T00:00:00Z", description = "The `fromTime` asked for.")
                         Instant fromTime,
                         @Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-01-31T12:00:00Z",
                                 description = "When the tokens were reset.")
                         Instant requestedAt) {

        public static final String REBUILD = "REBUILD";
        public static final String REDELIVERY = "REDELIVERY";
        public static final String REPUBLISH = "REPUBLISH";
    }

    /** No processor has the name asked for. */
    public static final class UnknownProcessorException extends RuntimeException {

        UnknownProcessorException(String name) {
            super("no event processor is named '" + name + "'", null, false, false);
        }
    }

    /** The processor cannot be replayed now, or at all. */
    public static final class ReplayRefusedException extends RuntimeException {

        ReplayRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
