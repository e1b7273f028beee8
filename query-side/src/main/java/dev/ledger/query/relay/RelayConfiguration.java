package dev.ledger.query.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.platform.LedgerStorageProperties;
import dev.ledger.query.processors.ProcessingGroups;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionNameStrategy;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay, when a broker is configured ({@link BrokerConfigured}); {@link RelayOff} says so at start-up when
 * not. Its processor settings (one segment, one thread, the batch size) are in {@code application.yml} under
 * {@code axon.eventhandling.processors.integration-events}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BrokerConfigured.class)
@EnableConfigurationProperties(RelayProperties.class)
class RelayConfiguration {

    static final String CONNECTION_NAME = "ledger-relay";

    private static final Logger log = LoggerFactory.getLogger(RelayConfiguration.class);

    /** Declared (durable, not auto-deleted) by Spring's RabbitAdmin each time a connection opens. */
    @Bean
    TopicExchange integrationEventExchange(RelayProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }

    /** Operators find the relay's connection by this name in RabbitMQ's management UI. */
    @Bean
    ConnectionNameStrategy relayConnectionName() {
        return factory -> CONNECTION_NAME;
    }

    /**
     * A relay started on a store with history publishes that history once, in order: a plain token at the tail.
     * Axon's default for a new pooled processor is a replay token up to the head, which the relay's
     * {@code @DisallowReplay} handlers would skip, and with it the openings and requests its memory needs.
     */
    @Bean
    ConfigurerModule relayStartsAtTheTail() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                ProcessingGroups.INTEGRATION_EVENTS,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createTailToken));
    }

    @Bean
    ConfirmedPublisher confirmedPublisher(RabbitTemplate rabbit, ObjectMapper json, RelayProperties properties) {
        if (!rabbit.getConnectionFactory().isSimplePublisherConfirms()) {
            // without confirms every batch would fail, and the relay would stand still: say so at start-up
            throw new IllegalStateException("the integration-event relay needs publisher confirms: set "
                                                    + "spring.rabbitmq.publisher-confirm-type=simple");
        }
        log.info("integration-event relay on: publishing to exchange {} with publisher confirms (timeout {})",
                 properties.exchange(), properties.confirmTimeout());
        return new ConfirmedPublisher(rabbit, json, properties.exchange(), properties.confirmTimeout());
    }

    @Bean
    RelayMemory relayMemory(JdbcTemplate jdbc, LedgerStorageProperties storage) {
        return new RelayMemory(jdbc, storage);
    }

    @Bean
    IntegrationEventRelay integrationEventRelay(ConfirmedPublisher publisher, RelayMemory memory) {
        return new IntegrationEventRelay(publisher, memory);
    }
}
