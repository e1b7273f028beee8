package dev.ledger.query.deadletter;

import dev.ledger.platform.LedgerStorageProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nonnull;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dead-letter queues of the projections. Which processing groups have one is decided in {@code application.yml}
 * ({@code axon.eventhandling.processors.<group>.dlq.enabled}); each such group gets Axon's
 * {@code JdbcSequencedDeadLetterQueue} on the Flyway table {@code dead_letter_entry} (V3), and:
 * <ul>
 *     <li>the {@link DeadLetterGuard}, so that a failing event is parked with none of its effects, also when the
 *     failure is an SQL error (which Axon's queue alone cannot park on PostgreSQL with JPA);</li>
 *     <li>a reset (replay) empties the group's queue: the replay handles every event again, so the old letters are
 *     obsolete, and an event that still fails is parked again;</li>
 *     <li>a cache of the sequences known to be parked, so an event of a sequence that is not parked costs no query
 *     (without it every event asks the table first);</li>
 *     <li>diagnostics on each letter: how often handling it failed, and the root cause of the last failure;</li>
 *     <li>a fix for the cause type Axon 4.13 loses when a retry fails ({@link CauseKeepingStatementFactory}).</li>
 * </ul>
 * Do not also set {@code dlq.cache.*} for these groups in properties: Axon registers that as an invoker
 * configuration too, and only one configuration per group survives.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    static final String TABLE = "dead_letter_entry";

    /** Axon's JDBC defaults are camelCase names; the Flyway table (V3) uses PostgreSQL's snake_case. */
    @Bean
    DeadLetterSchema deadLetterSchema(LedgerStorageProperties storage) {
        return DeadLetterSchema.builder()
                               .deadLetterTable(storage.own(TABLE))
                               .deadLetterIdentifierColumn("dead_letter_id")
                               .processingGroupColumn("processing_group")
                               .sequenceIdentifierColumn("sequence_identifier")
                               .sequenceIndexColumn("sequence_index")
                               .messageTypeColumn("message_type")
                               .eventIdentifierColumn("event_identifier")
                               .timestampColumn("time_stamp")
                               .payloadTypeColumn("payload_type")
                               .payloadRevisionColumn("payload_revision")
                               .payloadColumn("payload")
                               .metaDataColumn("meta_data")
                               .aggregateTypeColumn("aggregate_type")
                               .aggregateIdentifierColumn("aggregate_identifier")
                               .sequenceNumberColumn("sequence_number")
                               .tokenTypeColumn("token_type")
                               .tokenColumn("token")
                               .enqueuedAtColumn("enqueued_at")
                               .lastTouchedColumn("last_touched")
                               .processingStartedColumn("processing_started")
                               .causeTypeColumn("cause_type")
                               .causeMessageColumn("cause_message")
                               .diagnosticsColumn("diagnostics")
                               .build();
    }

    /**
     * Replaces the module of Axon's JDBC auto-configuration with one that builds the same queue, except for the
     * statement factory ({@link CauseKeepingStatementFactory}).
     */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties processors, ConnectionProvider connectionProvider,
            TransactionManager transactionManager, DeadLetterSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer genericSerializer) {
        return new DeadLetterQueueProviderConfigurerModule(
                processors,
                group -> config -> JdbcSequencedDeadLetterQueue.builder()
                                                               .processingGroup(group)
                                                               .connectionProvider(connectionProvider)
                                                               .transactionManager(transactionManager)
                                                               .schema(schema)
                                                               .genericSerializer(genericSerializer)
                                                               .eventSerializer(eventSerializer)
                                                               .statementFactory(new CauseKeepingStatementFactory(
                                                                       schema, genericSerializer, eventSerializer))
                                                               .build());
    }

    /** Static: Axon collects handler enhancers early, while it builds its configuration. */
    @Bean
    static DeadLetterGuard deadLetterGuard(EventProcessorProperties processors) {
        return new DeadLetterGuard(Set.copyOf(groupsWithDeadLetterQueue(processors)), Clock.systemUTC());
    }

    @Bean
    ConfigurerModule deadLetterInvokerModule(EventProcessorProperties processors) {
        List<String> groups = groupsWithDeadLetterQueue(processors);
        return configurer -> configurer.eventProcessing(processing -> groups.forEach(group -> processing
                .registerDeadLetterPolicy(group, config -> new CountingPolicy())
                .registerDeadLetteringEventHandlerInvokerConfiguration(
                        group, (config, invoker) -> invoker.allowReset(true).enableSequenceIdentifierCache())));
    }

    static List<String> groupsWithDeadLetterQueue(EventProcessorProperties processors) {
        return processors.getProcessors().entrySet().stream()
                         .filter(entry -> entry.getValue().getDlq().isEnabled())
                         .map(Map.Entry::getKey)
                         .sorted()
                         .toList();
    }

    /**
     * Axon 4.13's {@code JdbcDeadLetter.withCause} wraps the new cause in another {@link ThrowableCause}, so after a
     * failed retry the stored cause type would read {@code ...ThrowableCause} instead of the handler's exception
     * ({@code JpaDeadLetter} keeps it). This unwraps it before the requeue is written.
     */
    static final class CauseKeepingStatementFactory extends DefaultDeadLetterStatementFactory<EventMessage<?>> {

        CauseKeepingStatementFactory(DeadLetterSchema schema, Serializer genericSerializer,
                                     Serializer eventSerializer) {
            super(DefaultDeadLetterStatementFactory.<EventMessage<?>>builder()
                                                   .schema(schema)
                                                   .genericSerializer(genericSerializer)
                                                   .eventSerializer(eventSerializer));
        }

        @Override
        public PreparedStatement requeueStatement(@Nonnull Connection connection, @Nonnull String letterIdentifier,
                                                  Cause cause, @Nonnull Instant lastTouched, MetaData diagnostics)
                throws SQLException {
            return super.requeueStatement(connection, letterIdentifier, unwrap(cause), lastTouched, diagnostics);
        }

        static Cause unwrap(Cause cause) {
            Cause unwrapped = cause;
            while (unwrapped instanceof ThrowableCause outer && ThrowableCause.class.getName().equals(outer.type())
                    && outer.getCause() instanceof ThrowableCause inner) {
                unwrapped = inner;
            }
            return unwrapped;
        }
    }
}
