package dev.ledger.query.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.events.Schemas;
import dev.ledger.events.Topology;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.testsupport.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the relay publishes, and that nothing is lost or applied twice when the broker connection drops, when the
 * relay dies after publishing but before its token committed, and when an operator replays it.
 */
class RelayIntegrationTest extends RelayTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc http;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldPublishEachPublicEventOnceWithItsSchemaHeadersAndRoutingKey() throws Exception {
        // this test's events are the only ones in CHF: its queue takes exactly those
        String capture = "relay-test-capture-" + UUID.randomUUID();
        RabbitAdmin admin = new RabbitAdmin(broker);
        Queue queue = QueueBuilder.durable(capture).build();
        admin.declareQueue(queue);
        admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with("#.CHF"));
        try {
            String id = UUID.randomUUID().toString().substring(0, 8);
            String alice = "rl-alice-" + id;
            String bob = "rl-bob-" + id;
            DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-relay-" + id);
            String world = LedgerIds.systemAccountOf("CHF");
            String transit = LedgerIds.transitAccountOf("CHF");
            events.account(alice, new AccountOpenedEvent(alice, "CHF", 0, "customer-7", "holder-" + id));
            events.account(bob, new AccountOpenedEvent(bob, "CHF", 0, null, "holder-" + id));
            events.account(alice, new MoneyDepositedEvent(alice, alice + ":d1", chf(10_000), 10_000, world));
            events.account(alice, new MoneyWithdrawnEvent(alice, alice + ":w1", chf(1_000), 9_000, world));
            // posted at once
            String t1 = "rl-t1-" + id;
            events.transfer(t1, new TransferRequestedEvent(t1, alice, bob, chf(2_000), "invoice 17", "holder-" + id,
                                                           "holder-" + id, "holder-" + id));
            events.transfer(t1, new TransferScreenedEvent(t1, ScreeningDecision.PASSED, List.of()));
            events.account(alice, new TransferDebitedEvent(alice, t1, t1 + ":debit", chf(2_000), 7_000, transit));
            events.account(bob, new TransferCreditedEvent(bob, t1, t1 + ":credit", chf(2_000), 2_000, transit));
            events.transfer(t1, new TransferCompletedEvent(t1, alice, bob, chf(2_000)));
            // held for review, approved, captured
            String t2 = "rl-t2-" + id;
            events.transfer(t2, new TransferRequestedEvent(t2, alice, bob, chf(5_000), null, "holder-" + id,
                                                           "holder-" + id, "holder-" + id));
            events.transfer(t2, new TransferScreenedEvent(t2, ScreeningDecision.REVIEW, List.of(
                    new ScreeningRuleHit("amount-threshold", ScreeningDecision.REVIEW, Map.of("threshold", "5000")))));
            events.account(alice, new HoldPlacedEvent(alice, t2 + ":hold", t2, chf(5_000), 5_000));
            events.transfer(t2, new TransferApprovedEvent(t2, "reviewer-1", "ok"));
            events.account(alice, new HoldCapturedEvent(alice, t2 + ":hold", t2, t2 + ":debit", chf(5_000), 2_000, 0,
                                                        transit));
            events.account(bob, new TransferCreditedEvent(bob, t2, t2 + ":credit", chf(5_000), 7_000, transit));
            events.transfer(t2, new TransferCompletedEvent(t2, alice, bob, chf(5_000)));
            // refused, and failed
            String t3 = "rl-t3-" + id;
            events.transfer(t3, new TransferRequestedEvent(t3, alice, bob, chf(99_000), "too much", "holder-" + id,
                                                           "holder-" + id, "holder-" + id));
            events.transfer(t3, new TransferScreenedEvent(t3, ScreeningDecision.PASSED, List.of()));
            events.transfer(t3, new TransferRejectedEvent(t3, RejectionReason.INSUFFICIENT_FUNDS, "balance 2000"));
            String t4 = "rl-t4-" + id;
            events.transfer(t4, new TransferRequestedEvent(t4, bob, alice, chf(100), null, "holder-" + id,
                                                           "holder-" + id, "holder-" + id));
            events.transfer(t4, new TransferFailedEvent(t4, RejectionReason.ACCOUNT_CLOSED, "alice closed"));
            events.account(bob, new AccountFrozenEvent(bob, "court order"));
            events.account(bob, new AccountUnfrozenEvent(bob, "lifted"));
            events.account(bob, new AccountClosedEvent(bob, "customer left"));
            eventStore.publish(events.all());

            List<Message> received = receive(capture, 16);
            assertThat(received).hasSize(16);
            Map<String, Long> types = received.stream().collect(Collectors.groupingBy(
                    m -> m.getMessageProperties().getType(), Collectors.counting()));
            assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "account.opened", 2L, "posting.made", 6L, "transfer.completed", 2L, "transfer.in-review", 1L,
                    "transfer.rejected", 1L, "transfer.failed", 1L, "account.frozen", 1L, "account.unfrozen", 1L,
                    "account.closed", 1L));
            Map<String, DomainEventMessage<?>> byId = events.all().stream().collect(
                    Collectors.toMap(DomainEventMessage::getIdentifier, Function.identity()));
            long lastPosition = -1;
            for (Message message : received) {
                var properties = message.getMessageProperties();
                JsonNode body = json.readTree(message.getBody());
                assertThat(Schemas.errors(body)).as("schema errors of %s", body).isEmpty();
                assertThat(byId).containsKey(properties.getMessageId());
                assertThat(body.get("id").asText()).isEqualTo(properties.getMessageId());
                assertThat(properties.getReceivedRoutingKey()).isEqualTo(properties.getType() + ".v1.CHF");
                assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
                assertThat(properties.getHeaders()).containsEntry(Topology.CORRELATION_HEADER, "corr-relay-" + id)
                                                   .containsEntry(Topology.TYPE_HEADER, properties.getType())
                                                   .containsEntry(Topology.VERSION_HEADER, 1);
                long position = ((Number) properties.getHeaders().get(Topology.POSITION_HEADER)).longValue();
                assertThat(position).isEqualTo(body.get("position").asLong()).isGreaterThan(lastPosition);
                lastPosition = position; // one segment: published in the store's order
                assertThat(consumer.hasSeen(properties.getMessageId())).isTrue();
            }
            JsonNode capture2 = bodyOf(received, "posting.made", "HOLD_CAPTURE");
            assertThat(capture2.get("data").get("accountId").asText()).isEqualTo(alice);
            assertThat(capture2.get("data").get("balanceAfter").asLong()).isEqualTo(2_000);
            assertThat(capture2.get("data").get("accountVersion").asLong()).isEqualTo(5); // alice's sixth event
            JsonNode review = bodyOf(received, "transfer.in-review", null);
            assertThat(review.get("data").get("rules").get(0).asText()).isEqualTo("amount-threshold");
            assertThat(review.get("data").get("amount").asLong()).isEqualTo(5_000);
            JsonNode rejected = bodyOf(received, "transfer.rejected", null);
            assertThat(rejected.get("data").get("reference").asText()).isEqualTo("too much");
            assertThat(rejected.get("data").get("reason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(bodyOf(received, "account.closed", null).get("data").get("currency").asText()).isEqualTo("CHF");
            // the consumer's balances are the ledger's
            await().atMost(PATIENCE).until(() -> consumer.balance(bob).map(b -> b.balance() == 7_000).orElse(false));
            assertThat(consumer.balance(alice).orElseThrow().balance()).isEqualTo(2_000);
        } finally {
            admin.deleteQueue(capture);
        }
    }

    @Test
    void shouldLoseNothingWhenTheBrokerDropsTheConnectionMidStream() throws Exception {
        TestBroker.assumeManagementReachable();
        String account = "rl-drop-" + UUID.randomUUID();
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-drop");
        DomainEventMessage<?> opened = events.account(account, new AccountOpenedEvent(account, "SEK", 0, null,
                                                                                        "holder-drop"));
        eventStore.publish(opened);
        List<String> ids = new CopyOnWriteArrayList<>(List.of(opened.getIdentifier()));
        AtomicBoolean dropsDone = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        // a steady stream until both drops are done: each chunk once the relay has delivered the one before last,
        // so the stream is still flowing (or waiting for the relay) whenever the broker closes the connection
        Future<Integer> written = writer.submit(() -> {
            int deposits = 0;
            while (!dropsDone.get() || deposits < 200) {
                String waitFor = ids.get(Math.max(0, ids.size() - 21));
                await().atMost(PATIENCE).until(() -> consumer.hasSeen(waitFor));
                List<DomainEventMessage<?>> chunk = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    deposits++;
                    chunk.add(events.account(account, new MoneyDepositedEvent(
                            account, account + ":d" + deposits, new Money(1, "SEK"), deposits,
                            LedgerIds.systemAccountOf("SEK"))));
                }
                eventStore.publish(chunk);
                chunk.forEach(event -> ids.add(event.getIdentifier()));
            }
            return deposits;
        });
        try {
            for (int drop = 0; drop < 2; drop++) {
                int before = ids.size();
                await().atMost(PATIENCE).until(() -> ids.size() >= before + 100);
                // the management API lists a new connection some seconds after it opened: ask until it is there
                await().atMost(PATIENCE).until(() -> TestBroker.closeConnections(RelayConfiguration.CONNECTION_NAME),
                                               closed -> closed > 0);
            }
            dropsDone.set(true);
            int deposits = written.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            await().atMost(PATIENCE).until(() -> ids.stream().allMatch(consumer::hasSeen));
            await().atMost(PATIENCE).until(() -> consumer.balance(account).orElseThrow().balance() == deposits);
        } finally {
            dropsDone.set(true);
            writer.shutdownNow();
        }
    }

    @Test
    void shouldPublishAgainAfterACrashBetweenPublishAndTokenCommitAndTheConsumerDropsTheDuplicates() {
        long duplicatesBefore = consumer.duplicatesDropped();
        CrashBeforeTokenCommit.arm(2);
        String account = "rl-crash-" + UUID.randomUUID();
        List<String> ids = deposits(account, "NOK", 300);

        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(consumer::hasSeen));
        // what the crashed batches published came again, and was dropped by id
        await().atMost(PATIENCE).until(() -> consumer.duplicatesDropped() > duplicatesBefore);
        assertThat(consumer.balance(account).orElseThrow().balance()).isEqualTo(300);
    }

    @Test
    void shouldRefuseAReplayAndPublishAgainOnlyWhenAskedTo() throws Exception {
        String account = "rl-replay-" + UUID.randomUUID();
        List<String> ids = deposits(account, "DKK", 50);
        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(consumer::hasSeen));
        String group = ProcessingGroups.INTEGRATION_EVENTS;

        // a rebuild or a redelivery would flood every consumer with history: refused
        http.perform(post("/admin/processors/{name}/replay", group))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.code").value("REPLAY_REFUSED"));
        http.perform(post("/admin/processors/{name}/replay", group).param("fromPosition", "0"))
            .andExpect(status().isConflict());
        http.perform(post("/admin/processors/{name}/replay", group).param("republish", "true"))
            .andExpect(status().isBadRequest());

        // asked for explicitly: published again from the position, and the consumer drops every one of them
        long duplicatesBefore = consumer.duplicatesDropped();
        long from = consumer.positionOf(ids.get(0)).orElseThrow() - 1;
        http.perform(post("/admin/processors/{name}/replay", group).param("fromPosition", Long.toString(from))
                                                                    .param("republish", "true"))
            .andExpect(status().isAccepted())
            .andExpect(jsonPath("$.replay.mode").value("REPUBLISH"));
        await().atMost(PATIENCE).until(() -> consumer.duplicatesDropped() - duplicatesBefore >= ids.size());
        assertThat(consumer.balance(account).orElseThrow().balance()).isEqualTo(50);

        // operators see the relay like any processor, with its lag
        http.perform(get("/admin/processors/{name}", group))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.running").value(true))
            .andExpect(jsonPath("$.lagEvents").isNumber())
            .andExpect(jsonPath("$.segments.length()").value(1));
    }

    /**
     * A relay switched on for a ledger that already has history (an upgrade, a broker configured later): no token,
     * no memory. It publishes the history once, in order, and so knows what a later event of that history needs.
     * With Axon's default first token (a replay up to the head) it skipped the history, and the freeze below
     * stopped it for good (an account it never saw opened).
     */
    @Test
    void shouldPublishTheHistoryOnceWhenSwitchedOnForALedgerThatHasOne() {
        String account = "rl-late-" + UUID.randomUUID();
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-late");
        events.account(account, new AccountOpenedEvent(account, "CZK", 0, null, "holder-late"));
        events.account(account, new MoneyDepositedEvent(account, account + ":d1", new Money(5, "CZK"), 5,
                                                        LedgerIds.systemAccountOf("CZK")));
        eventStore.publish(events.all());
        List<String> history = events.all().stream().map(DomainEventMessage::getIdentifier).toList();
        await().atMost(PATIENCE).until(() -> history.stream().allMatch(consumer::hasSeen));

        StreamingEventProcessor relay = (StreamingEventProcessor) processing.eventProcessor(
                ProcessingGroups.INTEGRATION_EVENTS).orElseThrow();
        relay.shutDown();
        jdbc.update("DELETE FROM ledger_query.token_entry WHERE processor_name = ?",
                    ProcessingGroups.INTEGRATION_EVENTS);
        jdbc.update("DELETE FROM ledger_query.relay_account");
        jdbc.update("DELETE FROM ledger_query.relay_transfer");
        long duplicatesBefore = consumer.duplicatesDropped();
        relay.start();

        DomainEventMessage<?> frozen = events.account(account, new AccountFrozenEvent(account, "late freeze"));
        eventStore.publish(frozen);
        await().atMost(PATIENCE).until(() -> consumer.hasSeen(frozen.getIdentifier()));
        // the history came again, and the consumer dropped it
        await().atMost(PATIENCE).until(() -> consumer.duplicatesDropped() - duplicatesBefore >= history.size());
    }

    /** Opens {@code account} and deposits 1 into it {@code count} times; the events' ids, opening first. */
    private List<String> deposits(String account, String currency, int count) {
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-" + account);
        events.account(account, new AccountOpenedEvent(account, currency, 0, null, "holder-relay"));
        for (int n = 1; n <= count; n++) {
            events.account(account, new MoneyDepositedEvent(account, account + ":d" + n, new Money(1, currency), n,
                                                            LedgerIds.systemAccountOf(currency)));
        }
        eventStore.publish(events.all());
        return events.all().stream().map(DomainEventMessage::getIdentifier).toList();
    }

    private List<Message> receive(String queue, int expected) {
        RabbitTemplate rabbit = new RabbitTemplate(broker);
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (received.size() < expected && System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue, 1_000);
            if (message != null) {
                received.add(message);
            }
        }
        // anything more would be a message published twice without a crash
        Message extra = rabbit.receive(queue, 1_000);
        if (extra != null) {
            received.add(extra);
        }
        return received;
    }

    private JsonNode bodyOf(List<Message> messages, String type, String kind) throws Exception {
        for (Message message : messages) {
            JsonNode body = json.readTree(message.getBody());
            if (body.get("type").asText().equals(type)
                    && (kind == null || body.get("data").get("kind").asText().equals(kind))) {
                return body;
            }
        }
        throw new AssertionError("no " + type + " " + kind + " among " + messages.size() + " messages");
    }

    private static Money chf(long minor) {
        return new Money(minor, "CHF");
    }
}
