package dev.ledger.query.processors;

import dev.ledger.platform.tokens.TokenTable;
import dev.ledger.platform.tokens.TrackingPositions;
import dev.ledger.query.deadletter.DeadLetterCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;

/**
 * Computes {@link ProcessorStatus}: this node's live view of the segments it processes, merged with the token
 * table for the others, measured against the event store's head.
 * <p>
 * Lag is counted from the lowest segment position (every segment reads the whole stream, so the slowest one
 * decides how fresh the read model is). In events it is {@code head - position}: positions, including the few a
 * failed append leaves unused, not a count of rows. In seconds it is the age of the oldest event the processor has
 * not processed ({@code now - timestamp of the first event after position}), 0 when caught up: a processor stuck
 * for ten minutes on an otherwise quiet store lags ten minutes, where the distance between the head's timestamp
 * and the position's would stay at whatever it was when it got stuck.
 */
@Service
public class ProcessorStatusService {

    private final EventProcessingConfiguration processing;
    private final TokenTable tokens;
    private final EventStoreProbe eventStore;
    private final DeadLetterCounts deadLetters;
    private final ProcessingFailures failures;
    private final ProcessorReplays replays;
    private final ApplicationContext context;
    private final Clock clock;
    private final Duration ttl;
    private volatile Map<String, List<String>> groups;
    private volatile ProcessorsReport recent;

    ProcessorStatusService(EventProcessingConfiguration processing, TokenTable tokens, EventStoreProbe eventStore,
                           DeadLetterCounts deadLetters, ProcessingFailures failures, ProcessorReplays replays,
                           ApplicationContext context, OperationsProperties properties) {
        this.processing = processing;
        this.tokens = tokens;
        this.eventStore = eventStore;
        this.deadLetters = deadLetters;
        this.failures = failures;
        this.replays = replays;
        this.context = context;
        this.clock = Clock.systemUTC();
        this.ttl = properties.statusTtl();
    }

    /** Every processor, now. */
    public ProcessorsReport report() {
        Instant now = clock.instant();
        Long head = eventStore.headPosition();
        ProcessorsReport.Head headOf = new ProcessorsReport.Head(
                head, head == null ? null : eventStore.timestampAt(head).orElse(null));
        Optional<Map<String, Long>> letters = deadLetters.byGroup();
        List<ProcessorStatus> processors = new TreeMap<>(processing.eventProcessors()).entrySet().stream()
                .map(entry -> statusOf(entry.getKey(), entry.getValue(), head, letters, now))
                .toList();
        ProcessorsReport report = new ProcessorsReport(now, headOf, processors);
        recent = report;
        return report;
    }

    /** A report at most {@code ledger.operations.status-ttl} old: for health checks and metric scrapes. */
    public ProcessorsReport recentReport() {
        ProcessorsReport last = recent;
        if (last != null && Duration.between(last.at(), clock.instant()).compareTo(ttl) < 0) {
            return last;
        }
        synchronized (this) {
            last = recent;
            if (last != null && Duration.between(last.at(), clock.instant()).compareTo(ttl) < 0) {
                return last;
            }
            return report();
        }
    }

    /** One processor, now; empty when there is none of that name. */
    public Optional<ProcessorStatus> status(String name) {
        return report().processors().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The processing groups with a processor, by processor name (each group is its own processor here). */
    public Map<String, List<String>> processingGroups() {
        Map<String, List<String>> known = groups;
        if (known == null) {
            Map<String, List<String>> byProcessor = new TreeMap<>();
            annotatedGroups().forEach(group -> processing.eventProcessorByProcessingGroup(group).ifPresent(
                    processor -> byProcessor.computeIfAbsent(processor.getName(), n -> new ArrayList<>()).add(group)));
            known = Map.copyOf(byProcessor);
            if (!known.isEmpty()) {
                // fixed once the processors exist
                groups = known;
            }
        }
        return known;
    }

    /** Every {@code @ProcessingGroup} of this application's event handlers, sorted. */
    public SortedSet<String> annotatedGroups() {
        TreeSet<String> names = new TreeSet<>();
        for (String bean : context.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            ProcessingGroup group = context.findAnnotationOnBean(bean, ProcessingGroup.class);
            if (group != null) {
                names.add(group.value());
            }
        }
        return names;
    }

    private ProcessorStatus statusOf(String name, EventProcessor processor, Long head,
                                     Optional<Map<String, Long>> letters, Instant now) {
        List<String> groupsOf = processingGroups().getOrDefault(name, List.of(name));
        Long parked = letters.map(counts -> groupsOf.stream().mapToLong(g -> counts.getOrDefault(g, 0L)).sum())
                             .orElse(null);
        boolean settingUp = replays.isSettingUp(name);
        Optional<ProcessingFailures.Failure> failing = failures.oldest(name);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            boolean error = processor.isError() || failing.isPresent();
            return new ProcessorStatus(name, groupsOf, typeOf(processor), processor.isRunning(), error,
                                       failing.map(ProcessingFailures.Failure::cause).orElse(null),
                                       failing.map(ProcessingFailures.Failure::since).orElse(null), settingUp,
                                       false, null, null, null, null, parked, List.of());
        }
        List<ProcessorStatus.Segment> segments = segmentsOf(name, streaming);

        boolean unknownPosition = segments.isEmpty() || segments.stream().anyMatch(s -> s.position() == null);
        long lowest = segments.stream().mapToLong(s -> s.position() == null ? 0 : s.position()).min().orElse(0);
        Long lagEvents = TrackingPositions.lag(head, lowest);
        Double lagSeconds = lagEvents == 0 ? Double.valueOf(0.0) : eventStore.firstTimestampAfter(lowest)
                .map(waiting -> Math.max(0, Duration.between(waiting, now).toMillis()) / 1000.0)
                .orElse(null);
        boolean replaying = segments.stream().anyMatch(ProcessorStatus.Segment::replaying);
        Double replayProgress = replaying ? segments.stream().filter(ProcessorStatus.Segment::replaying)
                                                    .map(ProcessorStatus.Segment::replayProgress)
                                                    .min(Comparator.naturalOrder()).orElse(0.0) : null;
        boolean segmentError = segments.stream().anyMatch(ProcessorStatus.Segment::error);
        boolean error = processor.isError() || segmentError || failing.isPresent();
        String errorMessage = segments.stream().map(ProcessorStatus.Segment::errorMessage)
                                      .filter(message -> message != null).findFirst()
                                      .or(() -> failing.map(ProcessingFailures.Failure::cause))
                                      .orElse(processor.isError()
                                              ? "the processor failed and is retrying with back-off; see its log"
                                              : null);
        return new ProcessorStatus(name, groupsOf, typeOf(processor), processor.isRunning(), error, errorMessage,
                                   failing.map(ProcessingFailures.Failure::since).orElse(null), settingUp,
                                   replaying, replayProgress, unknownPosition ? null : lowest, lagEvents,
                                   lagSeconds, parked, segments);
    }

    private List<ProcessorStatus.Segment> segmentsOf(String name, StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        Map<Integer, TokenTable.Entry> stored = tokens.entries(name).stream()
                                                      .collect(Collectors.toMap(TokenTable.Entry::segment,
                                                                                Function.identity()));
        TreeSet<Integer> ids = new TreeSet<>(stored.keySet());
        ids.addAll(local.keySet());
        List<ProcessorStatus.Segment> segments = new ArrayList<>();
        for (int id : ids) {
            EventTrackerStatus live = local.get(id);
            TokenTable.Entry row = stored.get(id);
            EventTrackerStatus status = live != null ? live : row.status();
            OptionalLong position = status.getCurrentPosition();
            boolean replaying = TrackingPositions.isReplaying(status);
            Optional<ProcessingFailures.Failure> failing = failures.of(name, id);
            String errorMessage = status.getError() != null ? describe(status.getError())
                    : failing.map(ProcessingFailures.Failure::cause).orElse(null);
            segments.add(new ProcessorStatus.Segment(
                    id, row == null ? null : row.owner(), live != null,
                    position.isPresent() ? position.getAsLong() : null,
                    live != null ? live.isCaughtUp() : null,
                    replaying,
                    replaying && status.getResetPosition().isPresent() ? status.getResetPosition().getAsLong() : null,
                    replaying ? TrackingPositions.replayFraction(position, status.getResetPosition()) : null,
                    status.getTrackingToken() instanceof GapAwareTrackingToken gapAware
                            ? gapAware.getGaps().size() : null,
                    status.isErrorState() || failing.isPresent(),
                    errorMessage,
                    row == null ? null : row.updatedAt()));
        }
        return segments;
    }

    private static String typeOf(EventProcessor processor) {
        if (processor instanceof PooledStreamingEventProcessor) {
            return "pooled";
        }
        if (processor instanceof TrackingEventProcessor) {
            return "tracking";
        }
        if (processor instanceof SubscribingEventProcessor) {
            return "subscribing";
        }
        return processor.getClass().getSimpleName();
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
