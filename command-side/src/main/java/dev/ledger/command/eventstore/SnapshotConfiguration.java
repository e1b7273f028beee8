package dev.ledger.command.eventstore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Axon's snapshotter, as its auto-configuration builds it, except where it runs. Axon's default runs a snapshot in
 * the thread of the command that triggered it, as that command's unit of work commits: on the HTTP path that is
 * still inside the request's transaction, so the request read the aggregate's events again and wrote the snapshot
 * while holding the account's lock, and answered that much later. Here it runs on a thread of its own, in its own
 * transaction, once the triggering transaction has ended ({@link AfterTransactionExecutor}), so it sees the events
 * that triggered it and the request does not wait for it.
 */
@Configuration(proxyBeanMethods = false)
class SnapshotConfiguration {

    /**
     * One thread: a snapshot reads at most a threshold of events and writes one row. The queue needs no bound of its
     * own: Axon keeps at most one snapshot per aggregate scheduled, so it holds at most one task per busy aggregate
     * (and a rejected task would leave its aggregate marked as in progress, never snapshotted again).
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                                      new CustomizableThreadFactory("snapshotter-"));
    }

    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(EventStore eventStore, TransactionManager transactionManager,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    HandlerDefinition handlerDefinition,
                                                    SnapshotterSpanFactory spanFactory,
                                                    ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                                         .eventStore(eventStore)
                                         .transactionManager(transactionManager)
                                         .parameterResolverFactory(parameterResolverFactory)
                                         .handlerDefinition(handlerDefinition)
                                         .spanFactory(spanFactory)
                                         .executor(new AfterTransactionExecutor(snapshotExecutor))
                                         .build();
    }
}
