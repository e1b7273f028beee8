package dev.ledger.consumer;

import static dev.ledger.consumer.TestEvents.message;
import static dev.ledger.consumer.TestEvents.opened;
import static dev.ledger.consumer.TestEvents.posting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.consumer.inbox.Balance;
import dev.ledger.consumer.inbox.DeduplicatingConsumer;
import dev.ledger.events.Envelope;
import dev.ledger.events.EventType;
import dev.ledger.events.Topology;
import dev.ledger.testsupport.TestBroker;
import dev.ledger.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consumer as a service, end to end: events published to the exchange with duplicates among them, as the
 * relay does after a crash between publishing and saving its token, are each applied once.
 */
@SpringBootTest(classes = ConsumerApplication.class, properties = ConsumerApplication.CONFIG_NAME)
class ConsumerApplicationTest {

    private static final TestDatabase.Fresh DATABASE = TestDatabase.shared().newDatabase();
    private static final String RUN = TestEvents.run();
    private static final String EXCHANGE = "test.ledger.events." + RUN;
    private static final String QUEUE = "test.reference-consumer." + RUN;
    private static final String DEAD_LETTERS = "test.dlx." + RUN;

    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private DeduplicatingConsumer consumer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", () -> DATABASE.password() == null ? "" : DATABASE.password());
        registry.add("spring.rabbitmq.addresses", () -> "amqp://guest:guest@" + TestBroker.ADDRESS);
        registry.add("ledger.consumer.exchange", () -> EXCHANGE);
        registry.add("ledger.consumer.queue", () -> QUEUE);
        registry.add("ledger.consumer.dead-letter-exchange", () -> DEAD_LETTERS);
    }

    @BeforeEach
    void broker() {
        TestBroker.assumeReachable();
    }

    @AfterAll
    static void deleteQueues() {
        CachingConnectionFactory connections = TestBroker.connectionFactory();
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            admin.deleteQueue(QUEUE);
            admin.deleteQueue(QUEUE + ".dead-letters");
            admin.deleteExchange(EXCHANGE);
            admin.deleteExchange(DEAD_LETTERS);
        } catch (RuntimeException noBroker) {
            // nothing was declared
        } finally {
            connections.destroy();
        }
    }

    @Test
    void shouldApplyEveryEventOncePublishedWithDuplicatesAmongThem() {
        long seenBefore = consumer.seen();
        long droppedBefore = consumer.duplicatesDropped();
        Map<String, Long> countsBefore = consumer.countsByType();
        int accounts = 10;
        int postingsEach = 10;
        List<Envelope<Object>> events = new ArrayList<>();
        for (int account = 0; account < accounts; account++) {
            events.add(opened("acc-" + RUN + "-" + account));
            for (int version = 1; version <= postingsEach; version++) {
                events.add(posting("acc-" + RUN + "-" + account, version, 100L * version));
            }
        }
        int unique = events.size();
        int duplicates = 0;
        for (int i = 0; i < unique; i++) {
            publish(events.get(i));
            if (i % 5 == 0) {
                publish(events.get(i));
                duplicates++;
            }
        }

        long expectedSeen = seenBefore + unique;
        long expectedDropped = droppedBefore + duplicates;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
               .until(() -> consumer.seen() == expectedSeen && consumer.duplicatesDropped() == expectedDropped);
        assertThat(consumer.countsByType())
                .containsEntry("account.opened", countsBefore.getOrDefault("account.opened", 0L) + accounts)
                .containsEntry("posting.made",
                               countsBefore.getOrDefault("posting.made", 0L) + (long) accounts * postingsEach);
        assertThat(consumer.balance("acc-" + RUN + "-3"))
                .contains(new Balance("acc-" + RUN + "-3", "EUR", 100L * postingsEach, postingsEach));
    }

    @Test
    void shouldDeadLetterAPoisonMessageAtOnceWithoutRetryingIt() {
        long rejected = consumer.poisonRejected();
        Envelope<Object> next = posting("acc-" + RUN + "-after-poison", 1, 100);

        rabbit.send(EXCHANGE, "posting.made.v1.EUR", TestEvents.unparseable());
        publish(next);

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.hasSeen(next.id()));
        RabbitAdmin admin = new RabbitAdmin(rabbit.getConnectionFactory());
        await().atMost(Duration.ofSeconds(30))
               .until(() -> admin.getQueueInfo(QUEUE + ".dead-letters").getMessageCount() == 1);
        assertThat(consumer.poisonRejected() - rejected).as("rejected once: not retried, not requeued").isEqualTo(1);
    }

    private void publish(Envelope<Object> event) {
        EventType type = EventType.of(event.type(), event.version()).orElseThrow();
        rabbit.send(EXCHANGE, Topology.routingKey(type, "EUR"), message(event));
    }
}
