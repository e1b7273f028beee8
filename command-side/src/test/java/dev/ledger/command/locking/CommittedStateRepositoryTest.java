package dev.ledger.command.locking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a rolled-back unit of work leaves in the cache: the aggregate it did not change stays (a refusal), the one it
 * changed or saved goes (state that was never committed); and a cached aggregate another node has since changed is
 * not used.
 */
class CommittedStateRepositoryTest {

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final Cache cache = new StrongCache();
    private final CommittedStateRepository<Counter> repository =
            CommittedStateRepository.of(EventSourcingRepository.builder(Counter.class), eventStore, cache);
    /** A second command-side node: the same event store, its own cache. */
    private final CommittedStateRepository<Counter> otherNode =
            CommittedStateRepository.of(EventSourcingRepository.builder(Counter.class), eventStore,
                                        new StrongCache());

    @AfterEach
    void stopEventStore() {
        eventStore.shutDown();
    }

    @Test
    void shouldKeepTheCachedAggregateWhenACommandIsRefusedBeforeApplyingAnything() {
        create("c-refused");
        Object cached = cache.get("c-refused");
        assertThat(cached).isNotNull();

        ResultMessage<?> refused = inUnitOfWork(() -> repository.load("c-refused").execute(c -> c.add(-1)));

        assertThat(refused.isExceptional()).isTrue();
        assertThat((Object) cache.get("c-refused")).isSameAs(cached);
        assertThat(countOf("c-refused")).isEqualTo(1);
    }

    @Test
    void shouldDropTheCachedAggregateWhenTheUnitOfWorkThatChangedItRollsBack() {
        create("c-changed");
        Object cached = cache.get("c-changed");
        assertThat(cached).isNotNull();

        ResultMessage<?> failed = inUnitOfWork(() -> repository.load("c-changed").execute(c -> c.addThenFail(5)));

        assertThat(failed.isExceptional()).isTrue();
        assertThat((Object) cache.get("c-changed")).isNull();
        assertThat(countOf("c-changed")).as("reloaded from the store").isEqualTo(1);
    }

    @Test
    void shouldDropTheCachedAggregateWhenTheCommitOfAChangeFailsAfterItWasSaved() {
        create("c-commit");
        Object cached = cache.get("c-commit");

        ResultMessage<?> failed = inUnitOfWork(() -> {
            repository.load("c-commit").execute(c -> c.add(2));
            failAfterTheSave();
        });

        assertThat(failed.isExceptional()).isTrue();
        assertThat((Object) cache.get("c-commit")).isNotSameAs(cached).isNull();
        assertThat(countOf("c-commit")).isEqualTo(1);
    }

    @Test
    void shouldNotCacheANewAggregateWhoseCommitFailed() throws Exception {
        ResultMessage<?> failed = inUnitOfWork(() -> {
            repository.newInstance(() -> new Counter("c-new"));
            failAfterTheSave();
        });

        assertThat(failed.isExceptional()).isTrue();
        assertThat((Object) cache.get("c-new")).isNull();
    }

    @Test
    void shouldNotDecideOnACachedAggregateThatAnotherNodeHasSinceChanged() {
        create("c-two-nodes");
        Object cached = cache.get("c-two-nodes");
        assertThat(cached).isNotNull();

        ResultMessage<?> added = inUnitOfWork(() -> otherNode.load("c-two-nodes").execute(c -> c.add(4)));
        assertThat(added.isExceptional()).as("%s", added).isFalse();

        assertThat(countOf("c-two-nodes")).as("this node sees the other node's commit").isEqualTo(5);
    }

    private void create(String id) {
        ResultMessage<?> created = inUnitOfWork(() -> {
            try {
                repository.newInstance(() -> new Counter(id));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(created.isExceptional()).as("%s", created).isFalse();
    }

    private long countOf(String id) {
        ResultMessage<?> read = DefaultUnitOfWork.startAndGet(null)
                                                 .executeWithResult(() -> repository.load(id).invoke(Counter::count));
        return (Long) read.getPayload();
    }

    /** As an append that fails does: after the repository has saved the aggregate for the commit. */
    private static void failAfterTheSave() {
        CurrentUnitOfWork.get().onPrepareCommit(u -> {
            throw new IllegalStateException("the append failed");
        });
    }

    private static ResultMessage<?> inUnitOfWork(ThrowingRunnable work) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            work.run();
            return null;
        });
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    record Created(String id) {
    }

    record Added(String id, long amount) {
    }

    /** Checks, then applies; or applies and then fails, which a real aggregate must never do. */
    static class Counter {

        @AggregateIdentifier
        private String id;
        private long count;

        Counter() {
        }

        Counter(String id) {
            apply(new Created(id));
        }

        void add(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("refused: " + amount);
            }
            apply(new Added(id, amount));
        }

        void addThenFail(long amount) {
            apply(new Added(id, amount));
            throw new IllegalStateException("failed after applying");
        }

        long count() {
            return count;
        }

        @EventSourcingHandler
        void on(Created event) {
            id = event.id();
            count = 1;
        }

        @EventSourcingHandler
        void on(Added event) {
            count += event.amount();
        }
    }
}
