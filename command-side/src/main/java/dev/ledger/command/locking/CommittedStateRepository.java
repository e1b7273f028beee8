package dev.ledger.command.locking;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;

/**
 * Axon's caching event-sourcing repository, except for what a rolled-back unit of work does to the cache.
 * <p>
 * Axon drops an aggregate from the cache whenever the unit of work that loaded it rolls back. That includes every
 * refusal (a 422: the account checked its rules and threw before applying anything), so the next command on a busy
 * account read its snapshot and events again. The cached object is the live aggregate, so what must go is exactly
 * state that was applied and not committed: this repository drops an aggregate when the unit of work that rolls back
 * changed it (its version moved since it was loaded) or saved it (its commit was prepared, then failed, which is how
 * a new aggregate with a taken id ends), and keeps it otherwise. A unit of work that commits inside a database
 * transaction that then rolls back is {@link TransactionBoundLockFactory}'s to handle.
 * <p>
 * The cache given to Axon's part ignores removals during a rollback; this class makes those decisions on the cache
 * itself.
 * <p>
 * The cache is this node's, and another command-side node may have appended to the aggregate since it was cached
 * (its lock is this JVM's too). A command that appends on stale state fails on the stream's unique sequence and is
 * retried, but one that decides without appending (a hold already released, as far as the stale copy knows) would
 * answer wrongly and leave the hold in place. So every load compares the cached version with the last sequence
 * number in the store (one index lookup) and reads the aggregate again when another node has moved it.
 */
public final class CommittedStateRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    private CommittedStateRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder.eventStore(eventStore).cache(new KeptOnRollback(cache)));
        this.cache = cache;
        this.eventStore = eventStore;
    }

    /**
     * @param builder    everything but the event store and the cache: lock factory, snapshot trigger, handlers
     * @param eventStore the aggregates' event store
     * @param cache      the aggregates' cache
     */
    public static <T> CommittedStateRepository<T> of(EventSourcingRepository.Builder<T> builder, EventStore eventStore,
                                                     Cache cache) {
        return new CommittedStateRepository<>(builder, eventStore, cache);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (!cached) {
            return aggregate; // read from the store just now
        }
        Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
        if (Objects.equals(stored, aggregate.version())) {
            return aggregate;
        }
        // the cached copy is behind what another node committed: forget it and read the stream
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }

    @Override
    protected void validateOnLoad(Aggregate<T> aggregate, Long expectedVersion) {
        Long loaded = aggregate.version();
        CurrentUnitOfWork.get().onRollback(u -> {
            if (!Objects.equals(aggregate.version(), loaded)) {
                cache.remove(aggregate.identifierAsString());
            }
        });
        super.validateOnLoad(aggregate, expectedVersion);
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        CurrentUnitOfWork.get().onRollback(u -> cache.remove(aggregate.identifierAsString()));
    }

    /** The cache as Axon's repository sees it: a removal while a unit of work rolls back is left to the subclass. */
    private record KeptOnRollback(Cache cache) implements Cache {

        @Override
        public boolean remove(Object key) {
            if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.ROLLBACK) {
                return false;
            }
            return cache.remove(key);
        }

        @Override
        public <K, V> V get(K key) {
            return cache.get(key);
        }

        @Override
        public void put(Object key, Object value) {
            cache.put(key, value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return cache.putIfAbsent(key, value);
        }

        @Override
        public <V> V computeIfAbsent(Object key, Supplier<V> valueSupplier) {
            return cache.computeIfAbsent(key, valueSupplier);
        }

        @Override
        public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
            cache.computeIfPresent(key, update);
        }

        @Override
        public void removeAll() {
            cache.removeAll();
        }

        @Override
        public boolean containsKey(Object key) {
            return cache.containsKey(key);
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
            return cache.registerCacheEntryListener(cacheEntryListener);
        }
    }
}
