package dev.ledger.consumer;

import static dev.ledger.consumer.TestEvents.message;
import static dev.ledger.consumer.TestEvents.posting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.consumer.amqp.ConsumerQueue;
import dev.ledger.consumer.amqp.QueueListener;
import dev.ledger.consumer.inbox.Balance;
import dev.ledger.consumer.inbox.DeduplicatingConsumer;
import dev.ledger.events.Envelope;
import dev.ledger.testsupport.TestBroker;
import dev.ledger.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The consumer behind a real RabbitMQ queue, as the relay's tests use it: what the broker delivers twice is applied
 * once, reordering leaves the newest balance, and a poison message is dead-lettered once while the next is applied.
 * Each test has its own exchange, queue, dead-letter exchange and database schema.
 */
class QueueListenerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static DataSource pool;
    private static CachingConnectionFactory connections;

    private final String run = TestEvents.run();
    private final ConsumerQueue queue = new ConsumerQueue("test.ledger.events." + run, "test.consumer." + run, "#",
                                                          "test.dlx." + run);
    private final RabbitTemplate publisher = new RabbitTemplate(connections);
    private DeduplicatingConsumer consumer;
    private QueueListener listener;

    @BeforeAll
    static void connect() {
        pool = TestPool.on(TestDatabase.shared().newDatabase());
        connections = TestBroker.connectionFactory();
    }

    /** Per test rather than per class, so that the report shows each test skipped and why. */
    @BeforeEach
    void broker() {
        TestBroker.assumeReachable();
    }

    @AfterAll
    static void closeConnections() {
        connections.destroy();
    }

    @AfterEach
    void deleteQueues() {
        if (listener == null) {
            return;
        }
        listener.close();
        RabbitAdmin admin = new RabbitAdmin(connections);
        admin.deleteQueue(queue.name());
        admin.deleteQueue(queue.deadLetterQueue());
        admin.deleteExchange(queue.exchange());
        admin.deleteExchange(queue.deadLetterExchange());
    }

    private void start() {
        consumer = DeduplicatingConsumer.migrated(pool, "consumer_" + run.replace('-', '_'));
        listener = QueueListener.start(connections, queue, consumer, 10);
    }

    private void publish(Message message) {
        publisher.send(queue.exchange(), "posting.made.v1.EUR", message);
    }

    @Test
    void shouldApplyAMessageTheBrokerDeliversTwiceOnce() {
        start();
        Envelope<Object> deposit = posting("acc-" + run, 1, 100);

        publish(message(deposit));
        publish(message(deposit));

        await().atMost(DEADLINE).until(() -> consumer.duplicatesDropped() == 1);
        assertThat(consumer.seen()).isEqualTo(1);
        assertThat(consumer.countsByType()).containsExactlyEntriesOf(java.util.Map.of("posting.made", 1L));
        assertThat(consumer.balance("acc-" + run)).contains(new Balance("acc-" + run, "EUR", 100, 1));
    }

    @Test
    void shouldLeaveTheHighestVersionsBalanceWhenAnAccountsPostingsArriveOutOfOrder() {
        start();
        String a = "acc-a-" + run;
        String b = "acc-b-" + run;
        List<Envelope<Object>> outOfOrder = List.of(posting(a, 3, 300), posting(b, 2, 20), posting(a, 1, 100),
                                                    posting(b, 1, 10), posting(a, 2, 200), posting(b, 3, 30));

        outOfOrder.forEach(event -> publish(message(event)));

        await().atMost(DEADLINE).until(() -> consumer.seen() == outOfOrder.size());
        assertThat(consumer.balance(a)).contains(new Balance(a, "EUR", 300, 3));
        assertThat(consumer.balance(b)).contains(new Balance(b, "EUR", 30, 3));
    }

    @Test
    void shouldDeadLetterAPoisonMessageOnceAndApplyTheNextOne() {
        start();
        Envelope<Object> valid = posting("acc-" + run, 1, 100);
        String invalid = new String(TestEvents.body(posting("acc-" + run, 2, 200)), StandardCharsets.UTF_8)
                .replace("\"kind\":\"DEPOSIT\"", "\"kind\":\"GIFT\"");

        publish(TestEvents.unparseable());
        publish(MessageBuilder.withBody(invalid.getBytes(StandardCharsets.UTF_8)).build());
        publish(message(valid));

        await().atMost(DEADLINE).until(() -> consumer.hasSeen(valid.id()));
        RabbitAdmin admin = new RabbitAdmin(connections);
        await().atMost(DEADLINE).until(() -> admin.getQueueInfo(queue.deadLetterQueue()).getMessageCount() == 2);
        assertThat(consumer.poisonRejected()).as("each poison message rejected once, never requeued").isEqualTo(2);
        assertThat(admin.getQueueInfo(queue.name()).getMessageCount()).isZero();
        assertThat(consumer.seen()).isEqualTo(1);
        assertThat(consumer.balance("acc-" + run)).contains(new Balance("acc-" + run, "EUR", 100, 1));
    }
}
