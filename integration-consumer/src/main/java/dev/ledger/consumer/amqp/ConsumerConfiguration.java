package dev.ledger.consumer.amqp;

import dev.ledger.consumer.inbox.DeduplicatingConsumer;
import dev.ledger.consumer.inbox.PoisonMessageException;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.boot.autoconfigure.amqp.RabbitProperties;
import org.springframework.boot.autoconfigure.amqp.RabbitRetryTemplateCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.policy.SimpleRetryPolicy;

/**
 * The reference consumer in a Spring application: Boot's listener container (configured by
 * {@code spring.rabbitmq.listener.simple.*}) feeds every message of the queue to the {@link DeduplicatingConsumer}.
 * The container acknowledges after the listener returned, so after the inbox transaction committed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerSettings.class)
class ConsumerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsumerConfiguration.class);

    static final String LISTENER_ID = "reference-consumer";

    /** Declared by Boot's RabbitAdmin at the first connection, and again after every reconnect. */
    @Bean
    Declarables consumerTopology(ConsumerSettings settings) {
        return settings.consumerQueue().declarables();
    }

    @Bean
    DeduplicatingConsumer deduplicatingConsumer(DataSource dataSource, ConsumerSettings settings) {
        return DeduplicatingConsumer.migrated(dataSource, settings.schema());
    }

    @Bean
    RabbitListenerConfigurer referenceListener(ConsumerSettings settings, DeduplicatingConsumer consumer) {
        return registrar -> {
            SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
            endpoint.setId(LISTENER_ID);
            endpoint.setQueueNames(settings.queue());
            endpoint.setMessageListener(message -> {
                boolean applied = consumer.accept(message);
                log.info("{} {} {}", applied ? "Applied" : "Dropped duplicate",
                         message.getMessageProperties().getReceivedRoutingKey(),
                         message.getMessageProperties().getMessageId());
            });
            registrar.registerEndpoint(endpoint);
        };
    }

    /**
     * Retrying a poison message cannot help, so it is not retried; anything else (the database away) is retried
     * with the back-off of {@code spring.rabbitmq.listener.simple.retry.*}.
     */
    @Bean
    RabbitRetryTemplateCustomizer noRetryOfPoison(RabbitProperties properties) {
        int attempts = properties.getListener().getSimple().getRetry().getMaxAttempts();
        return (target, template) -> {
            if (target == RabbitRetryTemplateCustomizer.Target.LISTENER) {
                template.setRetryPolicy(new SimpleRetryPolicy(attempts, Map.of(PoisonMessageException.class, false),
                                                              true, true));
            }
        };
    }

    /**
     * After the retries: a poison message is rejected (to the dead letters), anything else goes back to the queue
     * to be tried again, because dropping it would lose an event the consumer never applied. Boot's default would
     * reject both.
     */
    @Bean
    MessageRecoverer requeueUnlessPoison() {
        return (message, cause) -> {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof PoisonMessageException) {
                    throw new AmqpRejectAndDontRequeueException("poison message", t);
                }
            }
            throw new ImmediateRequeueAmqpException("requeued after retries", cause);
        };
    }
}
