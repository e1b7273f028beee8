package dev.ledger.query.processors;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Which segments of which processors are failing right now: a batch rolled back and none has committed on that
 * segment since. Axon's own error state of a pooled processor's segment lasts only until the segment is released
 * (milliseconds after the failure); while it waits to be claimed again, with growing back-off, nothing else shows
 * that it is stuck. Events a projection cannot handle go to its dead-letter queue and commit, so what lands here
 * is what the queue does not catch: the database, the token store, the queue itself.
 */
class ProcessingFailures {

    private static final String RECORDING = ProcessingFailures.class.getName() + ".recording";
    private static final String CAUSE = ProcessingFailures.class.getName() + ".cause";
    private static final int UNKNOWN_SEGMENT = -1;

    private final Map<String, Map<Integer, Failure>> failing = new ConcurrentHashMap<>();
    private final Clock clock;

    ProcessingFailures(Clock clock) {
        this.clock = clock;
    }

    /** The interceptor for processor {@code processorName}, registered on every processor. */
    MessageHandlerInterceptor<EventMessage<?>> interceptorFor(String processorName) {
        String segmentKey = "Processor[" + processorName + "]/SegmentId";
        return (unitOfWork, chain) -> intercept(processorName, segmentKey, unitOfWork, chain);
    }

    private Object intercept(String processorName, String segmentKey, UnitOfWork<? extends EventMessage<?>> unitOfWork,
                             InterceptorChain chain) throws Exception {
        // one batch is one unit of work for all its events: register the callbacks once
        if (unitOfWork.resources().putIfAbsent(RECORDING, Boolean.TRUE) == null) {
            Integer segment = unitOfWork.getResource(segmentKey);
            int segmentId = segment == null ? UNKNOWN_SEGMENT : segment;
            unitOfWork.onRollback(u -> failed(processorName, segmentId, u.getResource(CAUSE)));
            unitOfWork.afterCommit(u -> succeeded(processorName, segmentId));
        }
        try {
            return chain.proceed();
        } catch (Exception | Error e) {
            unitOfWork.resources().putIfAbsent(CAUSE, describe(e));
            throw e;
        }
    }

    void failed(String processorName, int segment, String cause) {
        Instant now = clock.instant();
        String message = cause == null ? "a batch was rolled back" : cause;
        failing.computeIfAbsent(processorName, name -> new ConcurrentHashMap<>())
               .merge(segment, new Failure(now, now, 1, message),
                      (before, next) -> new Failure(before.since(), now, before.attempts() + 1, message));
    }

    void succeeded(String processorName, int segment) {
        Map<Integer, Failure> segments = failing.get(processorName);
        if (segments != null && !segments.isEmpty()) {
            segments.remove(segment);
            // a failure no segment could be attributed to is over once any batch of the processor commits
            segments.remove(UNKNOWN_SEGMENT);
        }
    }

    /** The failure of one segment that has not been followed by a commit on it, if any. */
    Optional<Failure> of(String processorName, int segment) {
        Map<Integer, Failure> segments = failing.get(processorName);
        return segments == null ? Optional.empty() : Optional.ofNullable(segments.get(segment));
    }

    /** The oldest failure of the processor still going on (any segment), if any. */
    Optional<Failure> oldest(String processorName) {
        Map<Integer, Failure> segments = failing.get(processorName);
        return segments == null ? Optional.empty()
                : segments.values().stream().min((a, b) -> a.since().compareTo(b.since()));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    /**
     * @param since    the first failed batch of this run of failures
     * @param last     the latest failed batch
     * @param attempts failed batches since {@code since}
     * @param cause    the root cause of the latest failure
     */
    record Failure(Instant since, Instant last, long attempts, String cause) {
    }
}
