package dev.ledger.query.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.platform.tokens.TokenTable;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /admin/processors} on the real application: status of every processor, replays through HTTP, and what
 * query answers, health and metrics say while a projection replays.
 */
class ProcessorAdminIntegrationTest extends QuerySideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PROBLEMS = "https://ledger.dev/problems/";
    private static final String SUMMARY = ProcessingGroups.ACCOUNT_SUMMARY;
    /** A currency of this class only: its system row must come out of a rebuild exactly as it went in. */
    private static final String CURRENCY = "AUD";

    @Autowired
    private MockMvc http;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private TokenTable tokenTable;

    @Test
    void shouldShowEveryProcessorWithItsSegmentsPositionAndLag() throws Exception {
        List<String> accounts = publishAccounts(1);
        awaitProjected(accounts);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM " + EVENT_STORE_SCHEMA + ".domain_event_entry",
                                        Long.class);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode report = read(http.perform(get("/admin/processors")).andExpect(status().isOk()));
            assertThat(report.at("/eventStore/headPosition").asLong()).isGreaterThanOrEqualTo(head);
            assertThat(report.at("/eventStore/headTimestamp").isTextual()).isTrue();
            List<String> names = new ArrayList<>();
            for (JsonNode processor : report.get("processors")) {
                names.add(processor.get("name").asText());
                assertThat(processor.get("processingGroups")).extracting(JsonNode::asText)
                                                             .contains(processor.get("name").asText());
                assertThat(processor.get("type").asText()).isEqualTo("pooled");
                assertThat(processor.get("running").asBoolean()).isTrue();
                assertThat(processor.get("error").asBoolean()).isFalse();
                assertThat(processor.get("replaying").asBoolean()).isFalse();
                assertThat(processor.get("position").asLong())
                        .isEqualTo(report.at("/eventStore/headPosition").asLong());
                assertThat(processor.get("lagEvents").asLong()).isZero();
                assertThat(processor.get("lagSeconds").asDouble()).isZero();
                assertThat(processor.get("deadLetters").isNumber()).isTrue();
                assertThat(processor.get("segments")).hasSize(4);
                for (JsonNode segment : processor.get("segments")) {
                    assertThat(segment.get("claimedByThisNode").asBoolean()).isTrue();
                    assertThat(segment.get("owner").asText()).isNotBlank();
                    assertThat(segment.get("position").asLong()).isGreaterThanOrEqualTo(head);
                    assertThat(segment.get("caughtUp").asBoolean()).isTrue();
                    assertThat(segment.get("gaps").isNumber()).isTrue();
                }
            }
            assertThat(names).containsExactly("account-statement", "account-summary", "authorizations", "transfers");
        });
        http.perform(get("/admin/processors/{name}", "transfers"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.name").value("transfers"))
            .andExpect(jsonPath("$.segments.length()").value(4));
    }

    @Test
    void shouldRefuseUnknownProcessorsAndMalformedReplays() throws Exception {
        http.perform(post("/admin/processors/{name}/replay", "no-such-processor"))
            .andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(PROBLEMS + "processor-not-found"));
        http.perform(get("/admin/processors/{name}", "no-such-processor"))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value(PROBLEMS + "processor-not-found"));
        for (String query : List.of("fromPosition=-1", "fromPosition=abc", "fromTime=yesterday",
                                    "fromTime=2999-01-01T00:00:00Z", "fromPosition=1&fromTime=2020-01-01T00:00:00Z")) {
            http.perform(post("/admin/processors/" + SUMMARY + "/replay?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"));
        }
        // refused requests leave the processor running
        assertThat(summaryProcessor().isRunning()).isTrue();
    }

    @Test
    void shouldRebuildTheAccountSummaryToTheSameViews() throws Exception {
        List<String> accounts = publishAccounts(3);
        awaitProjected(accounts);
        Map<String, JsonNode> before = views(accounts);
        // the owner comes back from the events too, so a holder sees its accounts again after the rebuild
        assertThat(before.get(accounts.get(0)).get("owner").asText()).isEqualTo("holder-" + accounts.get(0));

        JsonNode accepted = read(http.perform(post("/admin/processors/{name}/replay", SUMMARY))
                                     .andExpect(status().isAccepted()));
        assertThat(accepted.at("/replay/mode").asText()).isEqualTo("REBUILD");
        assertThat(accepted.at("/processor/name").asText()).isEqualTo(SUMMARY);
        assertThat(accepted.at("/processor/running").asBoolean()).isTrue();
        assertThat(accepted.at("/processor/settingUpReplay").asBoolean()).isFalse();

        awaitCaughtUpWithoutReplay();
        assertThat(views(accounts)).isEqualTo(before);
    }

    @Test
    void shouldRedeliverFromAPositionToTheReadModelAsItIs() throws Exception {
        List<String> accounts = publishAccounts(2);
        awaitProjected(accounts);
        Map<String, JsonNode> before = views(accounts);
        long first = firstPositionOf(accounts.get(0));

        JsonNode accepted = read(http.perform(post("/admin/processors/{name}/replay", SUMMARY)
                                                      .param("fromPosition", Long.toString(first - 1)))
                                     .andExpect(status().isAccepted()));
        assertThat(accepted.at("/replay/mode").asText()).isEqualTo("REDELIVERY");
        assertThat(accepted.at("/replay/fromPosition").asLong()).isEqualTo(first - 1);
        awaitCaughtUpWithoutReplay();
        assertThat(views(accounts)).isEqualTo(before);

        String since = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
        accepted = read(http.perform(post("/admin/processors/{name}/replay", SUMMARY).param("fromTime", since))
                            .andExpect(status().isAccepted()));
        assertThat(accepted.at("/replay/mode").asText()).isEqualTo("REDELIVERY");
        assertThat(accepted.at("/replay/fromTime").asText()).isEqualTo(since);
        awaitCaughtUpWithoutReplay();
        assertThat(views(accounts)).isEqualTo(before);
    }

    /**
     * A replay of a few hundred events is over before a test could look, so this one holds it: the processor stays
     * shut down with replay tokens in the token store, as after a reset on another node. Answers, status and health
     * must all show it; once started again it catches up and the views are unchanged.
     */
    @Test
    void shouldSayReplayingInAnswersStatusAndHealthWhileTheProjectionReplays() throws Exception {
        List<String> accounts = publishAccounts(1);
        awaitProjected(accounts);
        String account = accounts.get(0);
        Map<String, JsonNode> before = views(accounts);
        long first = firstPositionOf(account);

        // a segment stores its token after a batch it handles, or else when it renews its claim (every 5 s)
        long last = jdbc.queryForObject("SELECT max(global_index) FROM " + EVENT_STORE_SCHEMA
                                                + ".domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                                        account);
        await().atMost(PATIENCE).until(() -> tokenTable.entries(SUMMARY).stream().allMatch(
                entry -> entry.status().getCurrentPosition().orElse(-1) >= last));
        StreamingEventProcessor processor = summaryProcessor();
        processor.shutDown();
        try {
            List<Long> resetPositions = replayTokensFrom(first - 1);

            JsonNode answer = read(http.perform(get("/accounts/{id}", account)).andExpect(status().isOk()));
            assertThat(answer.get("processing").asText()).isEqualTo("REPLAYING");
            assertThat(answer.get("replayProgress").asDouble()).isBetween(0.0, 1.0);
            assertThat(answer.get("position").asLong()).isEqualTo(first - 1);
            assertThat(answer.get("balance").asLong()).isEqualTo(before.get(account).get("balance").asLong());
            http.perform(get("/accounts").param("currency", CURRENCY))
                .andExpect(jsonPath("$.processing").value("REPLAYING"))
                .andExpect(jsonPath("$.replayProgress").isNumber());
            http.perform(get("/accounts/{id}", "unknown-" + UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.processing").value("REPLAYING"));

            JsonNode status = read(http.perform(get("/admin/processors/{name}", SUMMARY)));
            assertThat(status.get("running").asBoolean()).isFalse();
            assertThat(status.get("replaying").asBoolean()).isTrue();
            assertThat(status.get("replayProgress").asDouble()).isBetween(0.0, 1.0);
            assertThat(status.get("lagEvents").asLong()).isPositive();
            for (JsonNode segment : status.get("segments")) {
                assertThat(segment.get("claimedByThisNode").asBoolean()).isFalse();
                assertThat(segment.get("replaying").asBoolean()).isTrue();
                assertThat(segment.get("position").asLong()).isEqualTo(first - 1);
                assertThat(resetPositions).contains(segment.get("resetPosition").asLong());
            }

            // health and metrics are cached for ledger.operations.status-ttl (1 s)
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode health = read(http.perform(get("/actuator/health"))
                                               .andExpect(status().isServiceUnavailable()));
                assertThat(health.at("/components/projections/status").asText()).isEqualTo("DOWN");
                assertThat(health.at("/components/projections/details/processors/" + SUMMARY + "/reason").asText())
                        .isEqualTo("not running");
            });
        } finally {
            processor.start();
        }
        awaitCaughtUpWithoutReplay();
        assertThat(views(accounts)).isEqualTo(before);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode health = read(http.perform(get("/actuator/health")));
            assertThat(health.at("/components/projections/details/processors/" + SUMMARY + "/status").asText())
                    .isIn("UP", "DEGRADED");
            assertThat(health.at("/components/projections/details/processors/" + SUMMARY + "/running").asBoolean())
                    .isTrue();
        });
    }

    /**
     * On the meter registry: tests run without the Prometheus registry (Spring Boot disables exporters in tests, and
     * enabling it would start a second application context on the same database); {@code /actuator/prometheus}
     * renders these meters as {@code ledger_processor_lag_events{group="..."}} and so on.
     */
    @Test
    void shouldRegisterLagAndDeadLetterGaugesNextToAxonsProcessorMetrics() throws Exception {
        awaitProjected(publishAccounts(1));
        for (String group : List.of("account-statement", "account-summary", "transfers")) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(gauge("ledger.processor.lag.events", group)).isZero();
                assertThat(gauge("ledger.processor.lag.seconds", group)).isZero();
            });
            assertThat(gauge("ledger.dead.letters", group)).isGreaterThanOrEqualTo(0);
            // axon-micrometer, dimensional: shared meter names, the processor as a tag
            assertThat(meters.getMeters()).anySatisfy(meter -> {
                assertThat(meter.getId().getName()).startsWith("eventProcessor");
                assertThat(meter.getId().getTags()).extracting(Tag::getValue).contains(group);
            });
        }
        assertThat(meters.get("ledger.processor.lag.seconds").gauge().getId().getBaseUnit()).isEqualTo("seconds");
    }

    private double gauge(String name, String group) {
        return meters.get(name).tag("group", group).gauge().value();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** Accounts of this test's currency with deposits, a withdrawal and a freeze, appended through the store. */
    private List<String> publishAccounts(int count) {
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-ops");
        String world = LedgerIds.systemAccountOf(CURRENCY);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "ops-" + UUID.randomUUID();
            accounts.add(id);
            events.account(id, new AccountOpenedEvent(id, CURRENCY, 1_000, "owner-" + i, "holder-" + id));
            events.account(id, new MoneyDepositedEvent(id, id + ":d1", new Money(10_000 + i, CURRENCY), 10_000 + i,
                                                       world));
            events.account(id, new MoneyWithdrawnEvent(id, id + ":w1", new Money(2_500, CURRENCY), 7_500 + i,
                                                       world));
            if (i % 2 == 1) {
                events.account(id, new AccountFrozenEvent(id, "test"));
            }
        }
        eventStore.publish(events.all());
        return accounts;
    }

    private void awaitProjected(List<String> accounts) throws Exception {
        for (String account : accounts) {
            long version = jdbc.queryForObject("SELECT max(sequence_number) FROM " + EVENT_STORE_SCHEMA
                                                       + ".domain_event_entry WHERE aggregate_identifier = ?",
                                               Long.class, account);
            http.perform(get("/accounts/{id}", account).param("after", account + "@" + version)
                                                       .param("wait", "10000"))
                .andExpect(jsonPath("$.processing").value(false));
        }
    }

    /** Every account's view and the currency's list, without the fields that say how fresh they are. */
    private Map<String, JsonNode> views(List<String> accounts) throws Exception {
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (String account : accounts) {
            views.put(account, withoutFreshness(read(http.perform(get("/accounts/{id}", account))
                                                         .andExpect(status().isOk()))));
        }
        views.put("list", withoutFreshness(read(http.perform(get("/accounts").param("currency", CURRENCY)
                                                                              .param("limit", "200"))
                                                        .andExpect(status().isOk()))));
        return views;
    }

    private void awaitCaughtUpWithoutReplay() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode status = read(http.perform(get("/admin/processors/{name}", SUMMARY)));
            assertThat(status.get("running").asBoolean()).isTrue();
            assertThat(status.get("replaying").asBoolean()).isFalse();
            assertThat(status.get("lagEvents").asLong()).isZero();
            assertThat(status.get("segments")).allSatisfy(
                    segment -> assertThat(segment.get("claimedByThisNode").asBoolean()).isTrue());
        });
    }

    private long firstPositionOf(String account) {
        return jdbc.queryForObject("SELECT min(global_index) FROM " + EVENT_STORE_SCHEMA
                                           + ".domain_event_entry WHERE aggregate_identifier = ?", Long.class, account);
    }

    /** Replay tokens from {@code position} on every segment of the stopped summary processor; their reset positions. */
    private List<Long> replayTokensFrom(long position) {
        TokenStore tokens = processing.tokenStore(SUMMARY);
        List<Long> resetPositions = new ArrayList<>();
        processing.transactionManager(SUMMARY).executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(SUMMARY)) {
                TrackingToken current = tokens.fetchToken(SUMMARY, segment);
                resetPositions.add(current.position().orElseThrow());
                tokens.storeToken(ReplayToken.createReplayToken(
                        current, GapAwareTrackingToken.newInstance(position, List.of())), SUMMARY, segment);
            }
        });
        return resetPositions;
    }

    private StreamingEventProcessor summaryProcessor() {
        return processing.eventProcessor(SUMMARY, StreamingEventProcessor.class).orElseThrow();
    }

    private JsonNode withoutFreshness(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove(List.of("processing", "position", "replayProgress"));
        return copy;
    }

    private JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
