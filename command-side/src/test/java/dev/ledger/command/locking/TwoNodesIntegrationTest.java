package dev.ledger.command.locking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import dev.ledger.command.locking.CommittedStateRepositoryTest.Counter;
import dev.ledger.command.support.CommandSideIntegrationTest;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two command-side nodes on one event store, each with its own aggregate cache and its own JVM locks, built here
 * from the application's event store and transactions: the way commands run on the HTTP path (a unit of work
 * inside a database transaction), on one aggregate, from both nodes at once.
 */
@CommandSideIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TwoNodesIntegrationTest {

    private static final ExecutorService THREADS = Executors.newFixedThreadPool(8);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private SharedLocks sharedLocks;

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
    }

    /**
     * Before the shared lock, the nodes raced: the loser's append failed on the stream's unique sequence and burnt
     * its event-store positions, and the gaps they left ran a service out of memory under the fault suite.
     */
    @Test
    void shouldSerialiseTheNodesOnOneAggregateWithoutBurningEventStorePositions() throws Exception {
        Node a = new Node();
        Node b = new Node();
        String id = "counter-" + UUID.randomUUID();
        a.inTransaction(() -> a.repository.newInstance(() -> new Counter(id)));
        long before = positions();

        AtomicInteger conflicts = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            Node node = thread % 2 == 0 ? a : b;
            work.add(THREADS.submit(() -> {
                for (int n = 0; n < 25; n++) {
                    while (true) {
                        try {
                            node.inTransaction(() -> {
                                node.repository.load(id).execute(counter -> counter.add(1));
                                return null;
                            });
                            break;
                        } catch (ConcurrencyException lostTheRace) {
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get(120, TimeUnit.SECONDS);
        }

        assertThat(a.inTransaction(() -> a.repository.load(id).invoke(Counter::count))).isEqualTo(201L);
        assertThat(b.inTransaction(() -> b.repository.load(id).invoke(Counter::count))).isEqualTo(201L);
        assertThat(conflicts).as("appends that lost a race between the nodes").hasValue(0);
        long appended = positions() - before;
        Long burnt = jdbc.queryForObject("SELECT max(global_index) - min(global_index) + 1 - count(*) "
                                         + "FROM domain_event_entry", Long.class);
        assertThat(appended).isEqualTo(200);
        assertThat(burnt).as("event-store positions taken by appends that rolled back").isZero();
    }

    @Test
    void shouldGiveUpWaitingForAnAggregateTheOtherNodeHoldsAtTheRequestsDeadline() throws Exception {
        Node a = new Node();
        Node b = new Node();
        String id = "counter-" + UUID.randomUUID();
        a.inTransaction(() -> a.repository.newInstance(() -> new Counter(id)));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = THREADS.submit(() -> a.inTransaction(() -> {
            a.repository.load(id).execute(counter -> counter.add(1));
            held.countDown();
            release.await(30, TimeUnit.SECONDS);
            return null;
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        try (CommandDeadline ignored = CommandDeadline.start(Duration.ofMillis(300))) {
            assertThatThrownBy(() -> b.inTransaction(() -> b.repository.load(id).invoke(Counter::count)))
                    .isInstanceOf(LockAcquisitionFailedException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThat(b.inTransaction(() -> b.repository.load(id).invoke(Counter::count))).isEqualTo(2L);
    }

    private long positions() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** One node's view of the aggregate: its own cache and JVM locks, the shared store and database locks. */
    private final class Node {

        private final StrongCache cache = new StrongCache();
        private final CommittedStateRepository<Counter> repository = CommittedStateRepository.of(
                EventSourcingRepository.builder(Counter.class)
                                       .lockFactory(new TransactionBoundLockFactory(
                                               cache, new AggregateLocks(Duration.ofSeconds(10)), sharedLocks)),
                eventStore, cache);
        private final TransactionTemplate transactions = new TransactionTemplate(transactionManager);

        /** A unit of work inside a database transaction, as a command sent by a controller runs. */
        <R> R inTransaction(ThrowingSupplier<R> work) {
            return transactions.execute(tx -> {
                var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work::get);
                if (result.isExceptional()) {
                    tx.setRollbackOnly();
                    if (result.exceptionResult() instanceof RuntimeException e) {
                        throw e;
                    }
                    throw new IllegalStateException(result.exceptionResult());
                }
                return result.getPayload();
            });
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<R> {
        R get() throws Exception;
    }
}
