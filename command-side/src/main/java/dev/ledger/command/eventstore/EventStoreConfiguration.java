package dev.ledger.command.eventstore;

import dev.ledger.platform.axon.EventStoreReading;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store is Axon's JDBC storage engine on tables Flyway creates with {@code bytea} payloads; the table
 * names come from the platform's {@code EventSchema}. Built here rather than by Axon's auto-configuration for two
 * reasons: the duplicate-key detection needs PostgreSQL's SQLSTATE, and the review process reads the
 * store with the same gap settings as the query side's projections ({@link EventStoreReading}), not Axon's
 * defaults, under which a commit later than 60 s, or 10,000 positions behind, would never reach it (and whose
 * cache of 10,000 recent events, each with its token's gaps, can fill the heap). Axon's JDBC connections are
 * provided here too: a unit of work must not end the Spring transaction it joined.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Axon's auto-configured provider, except that a unit of work rolling back inside a Spring transaction marks it
     * rollback-only instead of ending it (see {@link ParticipatingConnectionProvider}).
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new ParticipatingConnectionProvider(dataSource));
    }

    /**
     * PostgreSQL's unique violation (SQLSTATE 23505) is a duplicate key: two writers appending the same sequence
     * number of one aggregate, or a new aggregate with a taken id. Axon's JDBC default looks for
     * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws, so without this a
     * lost race would surface as a storage error instead of a retryable {@code ConcurrencyException}.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /** What Axon's auto-configuration builds, plus the shared reading settings. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          EventStoreReading reading) {
        return reading.applyTo(JdbcEventStorageEngine.builder())
                      .snapshotSerializer(defaultSerializer)
                      .upcasterChain(configuration.upcasterChain())
                      .persistenceExceptionResolver(persistenceExceptionResolver)
                      .eventSerializer(eventSerializer)
                      .snapshotFilter(configuration.snapshotFilter())
                      .connectionProvider(connectionProvider)
                      .transactionManager(transactionManager)
                      .schema(eventSchema)
                      .build();
    }

    /** Axon's embedded store, with the shared tailing settings: the review process tails it. */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  EventStoreReading reading) {
        return reading.applyTo(EmbeddedEventStore.builder())
                      .storageEngine(storageEngine)
                      .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                      .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                      .build();
    }
}
