package dev.ledger.query.relay;

import com.zaxxer.hikari.HikariDataSource;
import dev.ledger.consumer.amqp.ConsumerQueue;
import dev.ledger.consumer.amqp.QueueListener;
import dev.ledger.consumer.inbox.DeduplicatingConsumer;
import dev.ledger.query.support.DefaultCaller;
import dev.ledger.query.support.QuerySideIntegrationTest;
import dev.ledger.testsupport.TestBroker;
import dev.ledger.testsupport.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay on the real path: events appended to the event store, the query side's relay publishing them to the
 * local RabbitMQ, and the reference consumer ({@link DeduplicatingConsumer}) taking them from its own queue into
 * its inbox. A database, an exchange and a queue of this run's own; skipped, with a message that says why, when no
 * broker answers. The subclasses share one Spring context (same configuration) and one consumer, and tell their
 * events apart by id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@Import({DefaultCaller.class, CrashBeforeTokenCommit.class})
abstract class RelayTestSupport {

    static final String EXCHANGE = "ledger.events.test-" + UUID.randomUUID();
    private static final TestDatabase.Fresh DATABASE = QuerySideIntegrationTest.createDatabase();

    static CachingConnectionFactory broker;
    static HikariDataSource consumerDatabase;
    static DeduplicatingConsumer consumer;
    private static QueueListener listener;
    private static String queue;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        QuerySideIntegrationTest.register(registry, DATABASE);
        registry.add("spring.rabbitmq.addresses", () -> TestBroker.ADDRESS);
        registry.add("ledger.relay.exchange", () -> EXCHANGE);
        // a lost connection or a refused batch is retried soon, so the tests see the recovery within their patience
        registry.add("ledger.relay.confirm-timeout", () -> "5s");
    }

    /** Before the context (and so the relay) starts: the consumer's queue must be bound before anything is sent. */
    @BeforeAll
    static void consumer() {
        TestBroker.assumeReachable();
        if (consumer != null) {
            return;
        }
        broker = TestBroker.connectionFactory();
        consumerDatabase = new HikariDataSource();
        consumerDatabase.setJdbcUrl(DATABASE.jdbcUrl());
        consumerDatabase.setUsername(DATABASE.username());
        consumerDatabase.setPassword(DATABASE.password());
        consumerDatabase.setMaximumPoolSize(4);
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
        consumerDatabase.close();
    }
}
