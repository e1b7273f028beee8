package dev.ledger.query.reconciliation;

/**
 * Reads the whole event store once, in store order, up to a position: the input of a reconciliation run. Two
 * implementations: straight from the event table with large keyset batches when the query side reads PostgreSQL
 * ({@link JdbcEventStoreScan}), else through the {@code EventStore}'s own stream (Axon Server mode).
 */
interface EventStoreScan {

    /** Receives the events, one aggregate's in sequence order. */
    @FunctionalInterface
    interface Sink {
        void accept(String aggregateType, String aggregateId, long sequence, Object payload);
    }

    /** Told how far the scan has got, after each batch. */
    @FunctionalInterface
    interface Progress {
        void reached(long position, long eventsRead);
    }

    /**
     * Feeds every event at a position {@code <= upTo} to {@code sink}.
     *
     * @return the number of events fed
     * @throws ReconciliationInterruptedException when the thread is interrupted (shutdown)
     */
    long scan(long upTo, Sink sink, Progress progress);
}
