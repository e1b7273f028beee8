package dev.ledger.command.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store is Axon's JDBC storage engine (auto-configured) on tables Flyway creates with {@code bytea}
 * payloads; the table names come from the platform's {@code EventSchema}. Only the duplicate-key detection
 * needs PostgreSQL knowledge Axon lacks.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }
}
