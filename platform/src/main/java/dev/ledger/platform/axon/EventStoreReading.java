package dev.ledger.platform.axon;

import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every tracking reader of the event store treats gaps, the same on both services (the command side's review
 * process reads the store as the query side's projections do; with Axon's defaults it would lose a late commit
 * the projections still get).
 * <p>
 * Gaps. {@code global_index} is taken when an append inserts its row, but the row only becomes visible when the
 * append commits, so a reader can see index n+1 before n: n is a gap. Most gaps are appends still in flight and
 * fill within milliseconds; some never fill (an append that lost an optimistic-concurrency race, or rolled back
 * after its insert, burns its index). A processor's token remembers its gaps and every fetch asks for them
 * again; a gap the token has forgotten is an event that processor never sees. So the settings decide how late
 * a commit may be and still be delivered:
 * <ul>
 *     <li>{@code gapTimeout} (default here 120 s; Axon's is 60 s): gaps are only recorded behind events younger
 *     than this, and only cleaned once older. It must exceed the longest an append transaction can stay open
 *     between its insert and its commit, with margin: the command side runs saga batches, idempotency records
 *     and retries in that transaction, its statements time out after 30 s and nothing bounds the transaction
 *     itself.</li>
 *     <li>{@code maxGapOffset} (default here 1,000,000; Axon's is 10,000): a gap further than this many positions
 *     behind the token is dropped, whatever its age. It must cover {@code gapTimeout} at peak append rate, or
 *     it, not the timeout, decides what is lost: Axon's 10,000 in 60 s is 170 events/s, about 20 transfers/s.
 *     1,000,000 covers about 8,000 events/s for 120 s. It costs nothing while there are few gaps.</li>
 *     <li>{@code gapCleaningThreshold} (Axon's 250): above this many gaps a fetch first drops those older than
 *     the timeout (one range read of the store); below it, the never-filling gaps stay in the token and in
 *     each fetch's IN list. Keep it above the number of gaps younger than the timeout, or every fetch cleans
 *     in vain.</li>
 *     <li>{@code lowestGlobalSequence} 1: the identity column's first value, so a processor starting on an
 *     empty token treats missing rows from there as gaps.</li>
 *     <li>{@code batchSize} (default here 1,000; Axon's is 100): events per read of the store (the read's
 *     limit; Axon sets no JDBC fetch size, so the driver takes the bounded result in one go, which is what a
 *     read this size wants). A replay is a long run of full reads, so fewer, larger ones fill a processor's
 *     batch in one query; the extended gap check below looks this far ahead too.</li>
 *     <li>{@code extendedGapCheckEnabled} on: when a fetch finds nothing in the next batch-size positions (a run
 *     of burnt indexes longer than a batch), one indexed {@code min(global_index)} query finds the next event
 *     instead of the processor stalling there forever.</li>
 * </ul>
 * Memory. Every event a reader holds carries its own copy of the token, gaps included, so what a reader keeps
 * costs events × gaps. The embedded store's cache of recent events for its tailing readers ({@code cachedEvents},
 * default here 2,000; Axon's is 10,000) is the largest such holding: at Axon's size, a few thousand gaps (a burst
 * of rolled-back appends) fill a 384 MB heap.
 * <p>
 * A commit later than the timeout (or read by a processor lagging by more than the timeout, since then the
 * events after the gap are already "old") is delivered to no processor; reconciliation finds what that
 * broke, and a rebuild repairs it.
 *
 * @param gapTimeout           see above
 * @param maxGapOffset         see above
 * @param gapCleaningThreshold see above
 * @param readBatchSize        events per read of the store
 * @param fetchDelay           how long a caught-up reader waits before it polls again (the floor of read-your-writes)
 * @param cachedEvents         recent events the embedded store keeps for readers that tail it
 */
@ConfigurationProperties("ledger.event-store")
public record EventStoreReading(@DefaultValue("120s") Duration gapTimeout,
                                @DefaultValue("1000000") int maxGapOffset,
                                @DefaultValue("250") int gapCleaningThreshold,
                                @DefaultValue("1000") int readBatchSize,
                                @DefaultValue("100ms") Duration fetchDelay,
                                @DefaultValue("2000") int cachedEvents) {

    /** The reading settings on an engine builder; the caller adds what is its own (serializers, resolver). */
    public JdbcEventStorageEngine.Builder applyTo(JdbcEventStorageEngine.Builder builder) {
        return builder.lowestGlobalSequence(1)
                      .gapTimeout(Math.toIntExact(gapTimeout.toMillis()))
                      .maxGapOffset(maxGapOffset)
                      .gapCleaningThreshold(gapCleaningThreshold)
                      .extendedGapCheckEnabled(true)
                      .batchSize(readBatchSize);
    }

    /** The tailing settings on the embedded store's builder; the caller adds the engine and its monitors. */
    public EmbeddedEventStore.Builder applyTo(EmbeddedEventStore.Builder builder) {
        return builder.fetchDelay(fetchDelay.toMillis())
                      .cachedEvents(cachedEvents);
    }
}
