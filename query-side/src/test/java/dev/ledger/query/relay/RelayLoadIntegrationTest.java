package dev.ledger.query.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.query.support.DomainEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay under load: a burst of 10,000 events, and a steady stream whose publish lag (from the event's commit
 * to the consumer's commit of it) is reported. The figures are printed, not asserted: this machine is shared, and
 * speed is the benchmark's business; what is asserted is that every event arrives once.
 */
class RelayLoadIntegrationTest extends RelayTestSupport {

    private static final Logger log = LoggerFactory.getLogger(RelayLoadIntegrationTest.class);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Autowired
    private EventStore eventStore;

    @Test
    void shouldDeliverABurstOfTenThousandEventsEachOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> accounts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long started = System.nanoTime();
        for (int batch = 0; batch < 10; batch++) {
            DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-burst-" + run);
            for (int a = 0; a < 10; a++) {
                String account = "rl-burst-" + run + "-" + batch + "-" + a;
                accounts.add(account);
                events.account(account, new AccountOpenedEvent(account, "PLN", 0, null, "holder-burst"));
                for (int n = 1; n <= 99; n++) {
                    events.account(account, deposit(account, "PLN", n));
                }
            }
            eventStore.publish(events.all());
            events.all().forEach(event -> ids.add(event.getIdentifier()));
        }
        long appended = System.nanoTime();
        assertThat(ids).hasSize(10_000);

        await().atMost(PATIENCE).until(() -> seenOf(ids) == ids.size());
        long delivered = System.nanoTime();
        log.info("relay burst: 10,000 events appended in {} ms, all applied by the consumer {} ms after the first "
                         + "append ({} events/s end to end)",
                 (appended - started) / 1_000_000, (delivered - started) / 1_000_000,
                 10_000L * 1_000_000_000L / (delivered - started));
        assertThat(accounts).allSatisfy(
                account -> assertThat(consumer.balance(account).orElseThrow().balance()).isEqualTo(99));
    }

    @Test
    void shouldReportThePublishLagUnderASteadyLoad() throws Exception {
        String account = "rl-steady-" + UUID.randomUUID();
        Map<String, Instant> committedAt = new ConcurrentHashMap<>();
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-steady");
        eventStore.publish(events.account(account, new AccountOpenedEvent(account, "HUF", 0, null, "holder")));
        int perTick = 10;
        int ticks = 150; // 10 events every 50 ms: 200 events/s for 7.5 s
        // the publish lag alone: when each message reaches a plain listener (no database) on its own queue
        Map<String, Instant> arrivedAt = new ConcurrentHashMap<>();
        String tap = "relay-test-tap-" + UUID.randomUUID();
        RabbitAdmin admin = new RabbitAdmin(broker);
        Queue queue = QueueBuilder.durable(tap).build();
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE, true, false)).with("#.HUF"));
        SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(broker);
        listener.setQueueNames(tap);
        listener.setMessageListener(message -> arrivedAt.putIfAbsent(message.getMessageProperties().getMessageId(),
                                                                     Instant.now()));
        listener.start();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        int[] deposits = {0};
        try {
            load.scheduleAtFixedRate(() -> {
                if (deposits[0] >= perTick * ticks) {
                    return;
                }
                List<DomainEventMessage<?>> chunk = new ArrayList<>();
                for (int i = 0; i < perTick; i++) {
                    deposits[0]++;
                    chunk.add(events.account(account, deposit(account, "HUF", deposits[0])));
                }
                eventStore.publish(chunk);
                Instant now = Instant.now();
                chunk.forEach(event -> committedAt.put(event.getIdentifier(), now));
            }, 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(PATIENCE).until(() -> committedAt.size() == perTick * ticks);
            await().atMost(PATIENCE).until(() -> arrivedAt.keySet().containsAll(committedAt.keySet()));
        } finally {
            load.shutdownNow();
            listener.stop();
            admin.deleteQueue(tap);
        }
        List<String> ids = List.copyOf(committedAt.keySet());
        await().atMost(PATIENCE).until(() -> seenOf(ids) == ids.size());
        List<Long> published = ids.stream()
                                  .map(id -> Duration.between(committedAt.get(id), arrivedAt.get(id)).toMillis())
                                  .sorted().toList();
        log.info("relay publish lag at 200 events/s for 7.5 s, event commit to arrival at a listener ({} events): "
                         + "p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
                 published.size(), percentile(published, 50), percentile(published, 95),
                 percentile(published, 99), published.get(published.size() - 1));

        List<Long> lags = new ArrayList<>();
        new JdbcTemplate(consumerDatabase).query(
                "SELECT message_id, received_at FROM relay_test_consumer.consumer_inbox WHERE message_id = ANY (?)",
                row -> {
                    Instant received = row.getTimestamp(2, java.util.Calendar.getInstance()).toInstant();
                    lags.add(Duration.between(committedAt.get(row.getString(1)), received).toMillis());
                }, (Object) ids.toArray(new String[0]));
        lags.sort(Long::compare);
        assertThat(lags).hasSize(ids.size());
        log.info("relay end-to-end lag at 200 events/s for 7.5 s, event commit to the deduplicating consumer's "
                         + "commit ({} events): "
                         + "p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
                 lags.size(), percentile(lags, 50), percentile(lags, 95), percentile(lags, 99),
                 lags.get(lags.size() - 1));
        assertThat(consumer.balance(account).orElseThrow().balance()).isEqualTo(perTick * ticks);
    }

    private long seenOf(List<String> ids) {
        return new JdbcTemplate(consumerDatabase).queryForObject(
                "SELECT count(*) FROM relay_test_consumer.consumer_inbox WHERE message_id = ANY (?)", Long.class,
                (Object) ids.toArray(new String[0]));
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
    }

    private static MoneyDepositedEvent deposit(String account, String currency, long n) {
        return new MoneyDepositedEvent(account, account + ":d" + n, new Money(1, currency), n,
                                       LedgerIds.systemAccountOf(currency));
    }
}
