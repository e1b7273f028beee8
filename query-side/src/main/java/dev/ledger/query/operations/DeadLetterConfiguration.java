package dev.ledger.query.operations;

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
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
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
    static final String ATTEMPTS = "attempts";
    static final String ROOT_CAUSE = "rootCause";

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

    /**
     * Always parks (never drops an event), counting the failed attempts in the letter's diagnostics, with the root
     * cause of the last failure. For an event the {@link DeadLetterGuard} fails because it failed before, the
     * original failure is recorded.
     */
    static final class CountingPolicy implements EnqueuePolicy<EventMessage<?>> {

        @Override
        public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter,
                                                       Throwable cause) {
            if (cause instanceof DeadLetterGuard.FailedBefore before) {
                return decide(before.failure());
            }
            return decide(ThrowableCause.truncated(cause), describe(rootOf(cause)));
        }

        /** The decision for a failure the guard noted (a retry whose transaction the failure doomed). */
        EnqueueDecision<EventMessage<?>> decide(DeadLetterGuard.Failure failure) {
            String message = failure.message() == null ? null : truncate(failure.message());
            return decide(new ThrowableCause(failure.type(), message), failure.rootCause());
        }

        private static EnqueueDecision<EventMessage<?>> decide(ThrowableCause cause, String rootCause) {
            return Decisions.enqueue(cause, letter -> {
                Object previous = letter.diagnostics().get(ATTEMPTS);
                long attempts = previous instanceof Number number ? number.longValue() + 1 : 1;
                return letter.diagnostics().and(ATTEMPTS, attempts).and(ROOT_CAUSE, rootCause);
            });
        }

        static Throwable rootOf(Throwable cause) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root;
        }

        static String describe(Throwable root) {
            return truncate(root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
        }

        private static String truncate(String text) {
            return text.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE
                    ? text.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE) : text;
        }
    }
}
