package dev.ledger.query.batching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The writes a projection gathers over a processor's batch, sent just before the batch commits, in its transaction
 * (one JDBC batch per statement instead of one round trip per event).
 * <p>
 * Sending them can fail (a value a column cannot hold, a constraint), and there no single event is to blame: the
 * batch rolls back, the processor delivers it again, it fails again, for ever, and holds up its whole segment, while
 * the dead-letter queue, which parks an event whose handler fails, never hears of it. So the events of a batch whose
 * writes failed at commit are remembered, and a batch handling one of them again sends its writes after every event
 * from then on, in the handler and in the same order (so the outcome is the one the batch would have had). The event
 * whose write fails then fails in its own handler, where the dead-letter guard and queue park it, and the rest of
 * its batch commits. The memory is dropped when such a batch commits, or after {@link #MEMORY}; any failure at
 * commit counts (a transient one only costs one slower batch).
 * <p>
 * Outside a unit of work (tests calling handlers directly) every write is sent at once.
 */
@Component
public class BatchedWrites {

    private static final Logger log = LoggerFactory.getLogger(BatchedWrites.class);

    /** How long the events of a batch that failed at commit are written one at a time when they come again. */
    static final Duration MEMORY = Duration.ofMinutes(10);
    /** A hundred failed batches of a thousand events; beyond, the expired are dropped, then all (they fail again). */
    private static final int MAX_REMEMBERED = 100_000;
    /** Resource of a batch: the writers that send after every event in it. */
    private static final String ONE_AT_A_TIME = BatchedWrites.class.getName() + ".oneAtATime";

    private final Map<Key, Instant> failedAtCommit = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    BatchedWrites() {
        this(Clock.systemUTC());
    }

    BatchedWrites(Clock clock) {
        this.clock = clock;
    }

    /**
     * Applies {@code operation} to the current batch's pending writes of {@code writer}: made by {@code create} at the
     * batch's first write, sent by {@code send} just before the batch commits (or after each event, see above).
     *
     * @param writer    names one kind of pending writes, e.g. its writer's class name
     * @param send      sends everything pending and leaves it empty; it may be called more than once per batch
     * @param operation records the current event's writes, and answers what its handler needs to know
     */
    public <P, R> R apply(String writer, Supplier<P> create, Consumer<P> send, Function<P, R> operation) {
        if (!CurrentUnitOfWork.isStarted()) {
            P single = create.get();
            R result = operation.apply(single);
            send.accept(single);
            return result;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        P pending = batch.getOrComputeResource(writer, key -> {
            P created = create.get();
            batch.onPrepareCommit(u -> sendAtCommit(writer, batch, created, send));
            return created;
        });
        R result = operation.apply(pending);
        if (oneAtATime(writer, batch)) {
            send.accept(pending);
        }
        return result;
    }

    private <P> void sendAtCommit(String writer, UnitOfWork<?> batch, P pending, Consumer<P> send) {
        try {
            send.accept(pending);
        } catch (RuntimeException e) {
            List<String> events = messageIdsOf(batch);
            Instant now = clock.instant();
            events.forEach(id -> failedAtCommit.put(new Key(writer, id), now));
            trim(now);
            log.warn("the writes of a batch of {} events failed as it committed ({}): {}; the batch is rolled back, "
                             + "and its events are written one at a time when they come again, so that the one "
                             + "that fails is parked", events.size(), simpleName(writer), e.toString());
            throw e;
        }
    }

    private boolean oneAtATime(String writer, UnitOfWork<?> batch) {
        Set<String> writers = batch.getResource(ONE_AT_A_TIME);
        if (writers != null && writers.contains(writer)) {
            return true;
        }
        if (failedAtCommit.isEmpty()) {
            return false;
        }
        Message<?> event = CurrentUnitOfWork.get().getMessage();
        if (event == null || !failedBefore(new Key(writer, event.getIdentifier()))) {
            return false;
        }
        batch.<Set<String>>getOrComputeResource(ONE_AT_A_TIME, key -> new HashSet<>()).add(writer);
        batch.afterCommit(u -> messageIdsOf(batch).forEach(id -> failedAtCommit.remove(new Key(writer, id))));
        log.info("event {} was in a batch whose {} writes failed as it committed: this batch writes one event at a "
                         + "time", event.getIdentifier(), simpleName(writer));
        return true;
    }

    private boolean failedBefore(Key key) {
        Instant at = failedAtCommit.get(key);
        if (at == null) {
            return false;
        }
        if (at.plus(MEMORY).isBefore(clock.instant())) {
            failedAtCommit.remove(key, at);
            return false;
        }
        return true;
    }

    private void trim(Instant now) {
        if (failedAtCommit.size() <= MAX_REMEMBERED) {
            return;
        }
        Instant expired = now.minus(MEMORY);
        failedAtCommit.values().removeIf(at -> at.isBefore(expired));
        if (failedAtCommit.size() > MAX_REMEMBERED) {
            // a batch that still fails is remembered again at its next commit
            failedAtCommit.clear();
        }
    }

    private static List<String> messageIdsOf(UnitOfWork<?> batch) {
        if (batch instanceof BatchingUnitOfWork<?> batching) {
            return batching.getMessages().stream().map(Message::getIdentifier).toList();
        }
        return batch.getMessage() == null ? List.of() : List.of(batch.getMessage().getIdentifier());
    }

    private static String simpleName(String writer) {
        return writer.substring(writer.lastIndexOf('.') + 1);
    }

    private record Key(String writer, String messageIdentifier) {
    }
}
