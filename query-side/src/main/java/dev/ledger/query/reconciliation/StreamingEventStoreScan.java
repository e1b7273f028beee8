package dev.ledger.query.reconciliation;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Scans through {@link EventStore#openStream} from the start, as a tracking processor would: the way to read the
 * store when it is Axon Server's. Slower than the JDBC scan (the store's own batch size, meta-data read along),
 * but it needs nothing but the {@code EventStore}.
 */
final class StreamingEventStoreScan implements EventStoreScan {

    private static final int PROGRESS_EVERY = 10_000;

    private final EventStore eventStore;
    private final Duration idleTimeout;

    StreamingEventStoreScan(EventStore eventStore, Duration idleTimeout) {
        this.eventStore = eventStore;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public long scan(long upTo, Sink sink, Progress progress) {
        long fed = 0;
        long position = -1;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (position < upTo) {
                ReconciliationInterruptedException.checkInterrupted();
                if (!stream.hasNextAvailable((int) idleTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    // the head event was there when the run started; a store that stops short of it is an error
                    throw new IllegalStateException("event stream stopped at position " + position
                                                            + " before the head " + upTo);
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                position = event.trackingToken().position().orElse(position);
                if (position > upTo) {
                    break;
                }
                if (event instanceof DomainEventMessage<?> domain) {
                    sink.accept(domain.getType(), domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                                domain.getPayload());
                    fed++;
                    if (fed % PROGRESS_EVERY == 0) {
                        progress.reached(position, fed);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReconciliationInterruptedException();
        }
        progress.reached(upTo, fed);
        return fed;
    }
}
