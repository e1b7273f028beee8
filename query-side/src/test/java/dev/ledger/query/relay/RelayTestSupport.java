package dev.ledger.query.relay;

import dev.ledger.consumer.amqp.ConsumerQueue;
import dev.ledger.consumer.amqp.QueueListener;
import dev.ledger.consumer.inbox.DeduplicatingConsumer;
import dev.ledger.query.support.QuerySideApplicationTest;
import dev.ledger.testsupport.TestBroker;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay on the real path: events appended to the event store, the query side's relay publishing them to the
 * local RabbitMQ, and the reference consumer ({@link DeduplicatingConsumer}) taking them from its own queue into
 * its inbox. A database ({@link QuerySideApplicationTest}), an exchange and a queue of this run's own; skipped, with a message that says why, when no
 * broker answers. The subclasses share one Spring context (same configuration) and one consumer, and tell their
 * events apart by id.
 */
@QuerySideApplicationTest
@Import(CrashBeforeTokenCommit.class)
abstract class RelayTestSupport {

    static final String EXCHANGE = "ledger.events.test-" + UUID.randomUUID();

    static CachingConnectionFactory broker;
    static DataSource consumerDatabase;
    static DeduplicatingConsumer consumer;
    private static QueueListener listener;
    private static String queue;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.addresses", () -> TestBroker.ADDRESS);
        registry.add("ledger.relay.exchange", () -> EXCHANGE);
        // a lost connection or a refused batch is retried soon, so the tests see the recovery within their patience
        registry.add("ledger.relay.confirm-timeout", () -> "5s");
    }

    @BeforeAll
    static void broker() {
        TestBroker.assumeReachable();
    }

    /**
     * Before a test appends anything: the consumer's queue must be bound before the relay publishes. On the
     * application's database (a schema of its own), as another system's consumer would be on its own.
     */
    @BeforeEach
    void consumer(@Autowired DataSource database) {
        if (consumer != null) {
            return;
        }
        broker = TestBroker.connectionFactory();
        consumerDatabase = database;
        consumer = DeduplicatingConsumer.migrated(consumerDatabase, "relay_test_consumer");
        queue = "relay-test-consumer-" + UUID.randomUUID();
        // several consumers: messages are applied out of order, which the consumer must tolerate
        listener = QueueListener.start(broker, new ConsumerQueue(EXCHANGE, queue, "#", null), consumer, 100, 4);
        // shared by the subclasses, so it lives as long as the JVM (as the shared Spring context does); the broker
        // is shared with other runs, so this run's queue and exchange go with it
        Runtime.getRuntime().addShutdownHook(new Thread(RelayTestSupport::removeFromTheBroker));
    }

    private static void removeFromTheBroker() {
        listener.close();
        RabbitAdmin admin = new RabbitAdmin(broker);
        admin.deleteQueue(queue);
        admin.deleteExchange(EXCHANGE);
        broker.destroy();
    }
}
