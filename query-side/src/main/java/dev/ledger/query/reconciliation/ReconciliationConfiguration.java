package dev.ledger.query.reconciliation;

import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Reconciliation's wiring: how it scans the event store (straight from the event table when the query side reads
 * PostgreSQL, the same condition as {@code EventStoreReaderConfiguration}; through the {@link EventStore}'s
 * stream with Axon Server), and Spring's scheduling for the scheduled run.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationConfiguration {

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStoreScan jdbcEventStoreScan(DataSource dataSource, EventSchema eventSchema,
                                      @Qualifier("eventSerializer") Serializer eventSerializer,
                                      Configuration axon, ReconciliationProperties properties) {
        return new JdbcEventStoreScan(dataSource, eventSchema, eventSerializer, axon::upcasterChain,
                                      properties.batchSize());
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
    EventStoreScan streamingEventStoreScan(EventStore eventStore) {
        return new StreamingEventStoreScan(eventStore, Duration.ofSeconds(30));
    }
}
