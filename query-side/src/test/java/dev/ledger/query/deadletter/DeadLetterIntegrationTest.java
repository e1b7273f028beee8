package dev.ledger.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.query.deadletter.PoisonedAccounts.Failure;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideApplicationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Dead letters on the real processor path: events are appended to the event store and picked up by the pooled
 * processors; in the {@code account-statement} group a test handler ({@link PoisonedAccounts}) fails on the
 * deposits of the accounts a test poisons, in the three ways a projection fails in practice. Accounts and the
 * currency are this test's own.
 * <p>
 * On a database of its own: its retries and replays take whole queues, so the letters other tests leave parked
 * (on purpose, such as the commit failures') would be retried here and fail for reasons not its own.
 */
@QuerySideApplicationTest
class DeadLetterIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CURRENCY = "ISK";
    private static final String GROUP = ProcessingGroups.ACCOUNT_STATEMENT;
    private static final String PROBLEMS = "https://ledger.dev/problems/";

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc http;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    @ParameterizedTest(name = "failing with {0}")
    @EnumSource(Failure.class)
    void shouldParkAPoisonedAccountInOrderWhileOthersFlowAndCatchUpAfterTheFix(Failure failure) throws Exception {
        String poisoned = "dl-" + failure.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID();
        String healthy = "dl-ok-" + UUID.randomUUID();
        PoisonedAccounts.poison(poisoned, failure);
        try {
            DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-dl");
            open(events, poisoned);
            open(events, healthy);
            for (int i = 1; i <= 3; i++) {
                deposit(events, poisoned, i);
                deposit(events, healthy, i);
            }
            eventStore.publish(events.all());

            // (a) the failing deposit (sequence 1) is parked, and the two after it behind it, in order
            List<JsonNode> letters = awaitLetters(poisoned, 3);
            assertThat(letters).extracting(letter -> letter.get("sequenceNumber").asLong()).containsExactly(1L, 2L, 3L);
            JsonNode first = letters.get(0);
            assertThat(first.get("aggregateIdentifier").asText()).isEqualTo(poisoned);
            assertThat(first.get("payloadType").asText()).isEqualTo(MoneyDepositedEvent.class.getName());
            assertThat(first.get("causeType").asText()).isEqualTo(expectedCauseType(failure));
            assertThat(first.get("diagnostics").get("attempts").asLong()).isEqualTo(1);
            assertThat(first.get("diagnostics").get("rootCause").asText()).contains(expectedRoot(failure));
            assertThat(first.get("enqueuedAt").asText()).isNotBlank();
            assertThat(first.get("lastTouched").asText()).isNotBlank();
            assertThat(letters.subList(1, 3))
                    .allSatisfy(behind -> assertThat(behind.get("causeType").isNull()).isTrue());
            // the statement did not move past the account's opening, and says so
            statementOf(poisoned, 3, 0)
                    .andExpect(jsonPath("$.processing").value(true))
                    .andExpect(jsonPath("$.reachedVersion").value(0))
                    .andExpect(jsonPath("$.awaitedVersion").value(3));

            // (b) other accounts are not held up
            statementOf(healthy, 3, 10_000)
                    .andExpect(jsonPath("$.processing").value(false))
                    .andExpect(jsonPath("$.items[*].sequence").value(contains(3, 2, 1)));

            // a later event of the parked account is parked behind the others, not applied out of order
            eventStore.publish(deposit(events, poisoned, 4));
            assertThat(awaitLetters(poisoned, 4)).extracting(letter -> letter.get("sequenceNumber").asLong())
                                                 .containsExactly(1L, 2L, 3L, 4L);

            // a retry before the fix fails again: the letters stay, with one more attempt and the same cause
            http.perform(post("/admin/dead-letters/{group}/retry", GROUP).param("all", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.group").value(GROUP))
                .andExpect(jsonPath("$.failedAgain").value(true));
            List<JsonNode> afterFailedRetry = lettersOf(poisoned);
            assertThat(afterFailedRetry).hasSize(4);
            assertThat(afterFailedRetry.get(0).get("causeType").asText()).isEqualTo(expectedCauseType(failure));
            assertThat(afterFailedRetry.get(0).get("diagnostics").get("attempts").asLong()).isEqualTo(2);

            // (c) the fix, then a retry: the sequence is handled in order and the statement catches up
            PoisonedAccounts.cure(poisoned);
            http.perform(post("/admin/dead-letters/{group}/retry", GROUP).param("all", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.failedAgain").value(false));
            assertThat(lettersOf(poisoned)).isEmpty();
            statementOf(poisoned, 4, 0)
                    .andExpect(jsonPath("$.processing").value(false))
                    .andExpect(jsonPath("$.items[*].sequence").value(contains(4, 3, 2, 1)))
                    .andExpect(jsonPath("$.items[*].balanceAfter").value(contains(1000, 600, 300, 100)));
        } finally {
            PoisonedAccounts.cure(poisoned);
        }
    }

    @Test
    void shouldEvictALetterOrASequenceAndRecordWhy() throws Exception {
        String account = "dl-evict-" + UUID.randomUUID();
        String other = "dl-evict-all-" + UUID.randomUUID();
        PoisonedAccounts.poison(account, Failure.EXCEPTION);
        PoisonedAccounts.poison(other, Failure.EXCEPTION);
        try {
            DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-evict");
            open(events, account);
            open(events, other);
            for (int i = 1; i <= 3; i++) {
                deposit(events, account, i);
                deposit(events, other, i);
            }
            eventStore.publish(events.all());
            String poisonedDeposit = awaitLetters(account, 3).get(0).get("messageIdentifier").asText();
            awaitLetters(other, 3);

            // (d) one letter: the deposit that can never be applied
            http.perform(post("/admin/dead-letters/{group}/evict", GROUP)
                                 .header("X-Correlation-Id", "ops-ticket-42")
                                 .contentType(MediaType.APPLICATION_JSON)
                                 .content("{\"messageIdentifier\":\"" + poisonedDeposit + "\","
                                                  + "\"reason\":\"corrupt posting, corrected by a new deposit\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.evicted").value(1))
                .andExpect(jsonPath("$.letters[0].messageIdentifier").value(poisonedDeposit))
                .andExpect(jsonPath("$.letters[0].sequenceNumber").value(1))
                .andExpect(jsonPath("$.reason").value("corrupt posting, corrected by a new deposit"));
            assertThat(lettersOf(account)).extracting(letter -> letter.get("sequenceNumber").asLong())
                                          .containsExactly(2L, 3L);
            Map<String, Object> record = jdbc.queryForMap(
                    "SELECT * FROM ledger_query.dead_letter_eviction WHERE event_identifier = ?", poisonedDeposit);
            assertThat(record).containsEntry("processing_group", GROUP)
                              .containsEntry("sequence_identifier", account)
                              .containsEntry("aggregate_identifier", account)
                              .containsEntry("sequence_number", 1L)
                              .containsEntry("payload_type", MoneyDepositedEvent.class.getName())
                              .containsEntry("cause_type", IllegalStateException.class.getName())
                              .containsEntry("reason", "corrupt posting, corrected by a new deposit")
                              .containsEntry("correlation_id", "ops-ticket-42");
            assertThat(record.get("evicted_at")).isNotNull();
            assertThat(record.get("enqueued_at")).isNotNull();

            // the rest of the sequence is handled once the cause is gone; the evicted posting never is
            PoisonedAccounts.cure(account);
            http.perform(post("/admin/dead-letters/{group}/retry", GROUP).param("all", "true"))
                .andExpect(status().isOk());
            assertThat(lettersOf(account)).isEmpty();
            statementOf(account, 3, 0)
                    .andExpect(jsonPath("$.processing").value(false))
                    .andExpect(jsonPath("$.items[*].sequence").value(contains(3, 2)));

            // a whole sequence
            http.perform(post("/admin/dead-letters/{group}/evict", GROUP)
                                 .contentType(MediaType.APPLICATION_JSON)
                                 .content("{\"sequenceIdentifier\":\"" + other + "\",\"reason\":\"test account\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.evicted").value(3))
                .andExpect(jsonPath("$.letters[*].sequenceNumber").value(contains(1, 2, 3)));
            assertThat(lettersOf(other)).isEmpty();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_query.dead_letter_eviction"
                                                   + " WHERE sequence_identifier = ? AND reason = 'test account'",
                                           Long.class, other)).isEqualTo(3);

            // nothing left to evict
            http.perform(post("/admin/dead-letters/{group}/evict", GROUP)
                                 .contentType(MediaType.APPLICATION_JSON)
                                 .content("{\"sequenceIdentifier\":\"" + other + "\",\"reason\":\"again\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "dead-letter-not-found"));
        } finally {
            PoisonedAccounts.cure(account);
            PoisonedAccounts.cure(other);
        }
    }

    @Test
    void shouldEmptyTheQueueOnAReplayAndParkWhatStillFails() throws Exception {
        String account = "dl-replay-" + UUID.randomUUID();
        PoisonedAccounts.poison(account, Failure.JPA_ERROR);
        try {
            DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-replay");
            open(events, account);
            deposit(events, account, 1);
            deposit(events, account, 2);
            eventStore.publish(events.all());
            awaitLetters(account, 2);
            http.perform(post("/admin/dead-letters/{group}/retry", GROUP).param("all", "true"))
                .andExpect(jsonPath("$.failedAgain").value(true));
            assertThat(lettersOf(account).get(0).get("diagnostics").get("attempts").asLong()).isEqualTo(2);

            StreamingEventProcessor processor = processing.eventProcessor(GROUP, StreamingEventProcessor.class)
                                                          .orElseThrow();
            processor.shutdownAsync().join();
            processor.resetTokens();
            processor.start();
            // the next event ends the replay (a replay lasts until the processor passes the position it was reset at)
            eventStore.publish(deposit(events, account, 3));
            await().atMost(PATIENCE).until(() -> processor.processingStatus().size() == 4
                    && processor.processingStatus().values().stream().noneMatch(EventTrackerStatus::isReplaying));

            // the old letters are gone; the replay failed on the same deposit and parked it afresh
            List<JsonNode> letters = awaitLetters(account, 3);
            assertThat(letters.get(0).get("diagnostics").get("attempts").asLong()).isEqualTo(1);
            assertThat(letters).extracting(letter -> letter.get("sequenceNumber").asLong())
                               .containsExactly(1L, 2L, 3L);

            PoisonedAccounts.cure(account);
            http.perform(post("/admin/dead-letters/{group}/retry", GROUP).param("all", "true"))
                .andExpect(jsonPath("$.failedAgain").value(false));
            statementOf(account, 3, 10_000)
                    .andExpect(jsonPath("$.processing").value(false))
                    .andExpect(jsonPath("$.items[*].sequence").value(contains(3, 2, 1)));
        } finally {
            PoisonedAccounts.cure(account);
        }
    }

    @Test
    void shouldStoreParkedEventsAsBytesNotLargeObjects() throws Exception {
        String account = "dl-bytes-" + UUID.randomUUID();
        PoisonedAccounts.poison(account, Failure.EXCEPTION);
        try {
            DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-bytes");
            open(events, account);
            deposit(events, account, 1);
            eventStore.publish(events.all());
            awaitLetters(account, 1);

            List<String> types = jdbc.queryForList(
                    "SELECT data_type FROM information_schema.columns WHERE table_schema = 'ledger_query'"
                            + " AND table_name = 'dead_letter_entry'"
                            + " AND column_name IN ('payload', 'meta_data', 'token', 'diagnostics')", String.class);
            assertThat(types).containsExactly("bytea", "bytea", "bytea", "bytea");
            Map<String, Object> stored = jdbc.queryForMap(
                    "SELECT convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta_data,"
                            + " token_type, length(token) AS token_length,"
                            + " convert_from(diagnostics, 'UTF8') AS diagnostics"
                            + " FROM ledger_query.dead_letter_entry WHERE sequence_identifier = ?", account);
            assertThat((String) stored.get("payload")).contains("\"postingId\":\"" + account + ":d1\"");
            assertThat((String) stored.get("meta_data")).contains("corr-bytes");
            // a gap-aware tracking token, or a replay token wrapping one while a replay of this test's runs on
            assertThat((String) stored.get("token_type"))
                    .matches("org\\.axonframework\\..*(TrackingToken|ReplayToken)");
            assertThat((Integer) stored.get("token_length")).isPositive();
            assertThat((String) stored.get("diagnostics")).contains("\"attempts\":1");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Long.class)).isZero();
        } finally {
            PoisonedAccounts.cure(account);
            http.perform(post("/admin/dead-letters/{group}/evict", GROUP)
                                 .contentType(MediaType.APPLICATION_JSON)
                                 .content("{\"sequenceIdentifier\":\"" + account + "\",\"reason\":\"test cleanup\"}"));
        }
    }

    @Test
    void shouldListEveryGroupWithAQueue() throws Exception {
        http.perform(get("/admin/dead-letters"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.groups[*].group").value(hasItems(
                    ProcessingGroups.ACCOUNT_STATEMENT, ProcessingGroups.ACCOUNT_SUMMARY, ProcessingGroups.TRANSFERS)))
            .andExpect(jsonPath("$.groups[0].sequences").isNumber())
            .andExpect(jsonPath("$.groups[0].letters").isNumber())
            .andExpect(jsonPath("$.groups[0].truncated").isBoolean());
        http.perform(post("/admin/dead-letters/{group}/retry", ProcessingGroups.TRANSFERS))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.processed").value(0))
            .andExpect(jsonPath("$.failedAgain").value(false));
    }

    @Test
    void shouldAnswerProblemsForUnknownGroupsAndBadRequests() throws Exception {
        http.perform(get("/admin/dead-letters").param("group", "no-such-group"))
            .andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(PROBLEMS + "unknown-processing-group"));
        http.perform(post("/admin/dead-letters/{group}/retry", "no-such-group"))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value(PROBLEMS + "unknown-processing-group"));
        http.perform(post("/admin/dead-letters/{group}/evict", "no-such-group")
                             .contentType(MediaType.APPLICATION_JSON)
                             .content("{\"messageIdentifier\":\"m\",\"reason\":\"r\"}"))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value(PROBLEMS + "unknown-processing-group"));
        http.perform(get("/admin/dead-letters").param("limit", "0"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"));
        for (String body : List.of("{\"messageIdentifier\":\"m\",\"sequenceIdentifier\":\"s\",\"reason\":\"r\"}",
                                   "{\"reason\":\"r\"}",
                                   "{\"messageIdentifier\":\"m\"}",
                                   "{\"messageIdentifier\":\"m\",\"reason\":\"  \"}")) {
            http.perform(post("/admin/dead-letters/{group}/evict", GROUP)
                                 .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"));
        }
        http.perform(post("/admin/dead-letters/{group}/evict", GROUP)
                             .contentType(MediaType.APPLICATION_JSON)
                             .content("{\"messageId\":\"m\",\"reason\":\"r\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(PROBLEMS + "malformed-request"));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static void open(DomainEvents events, String accountId) {
        events.account(accountId, new AccountOpenedEvent(accountId, CURRENCY, 0, null, null));
    }

    /** Deposit number {@code n} (sequence {@code n}) of 100·n, so the balance after it is 100·n·(n+1)/2. */
    private static DomainEventMessage<?> deposit(DomainEvents events, String accountId, int n) {
        return events.account(accountId, new MoneyDepositedEvent(accountId, accountId + ":d" + n,
                                                          new Money(100L * n, CURRENCY), 50L * n * (n + 1),
                                                          LedgerIds.systemAccountOf(CURRENCY)));
    }

    private ResultActions statementOf(String accountId, long version, long waitMillis) throws Exception {
        return http.perform(get("/accounts/{id}/entries", accountId)
                                    .param("after", accountId + "@" + version)
                                    .param("wait", Long.toString(waitMillis)))
                   .andExpect(status().isOk());
    }

    private List<JsonNode> awaitLetters(String sequenceIdentifier, int count) {
        return await().atMost(PATIENCE).until(() -> lettersOf(sequenceIdentifier), letters -> letters.size() == count);
    }

    /** The parked letters of one sequence of the statement group, as the listing shows them (in order). */
    private List<JsonNode> lettersOf(String sequenceIdentifier) throws Exception {
        String body = http.perform(get("/admin/dead-letters").param("group", GROUP).param("limit", "500"))
                          .andExpect(status().isOk())
                          .andReturn().getResponse().getContentAsString();
        JsonNode group = json.readTree(body).get("groups").get(0);
        assertThat(group.get("group").asText()).isEqualTo(GROUP);
        List<JsonNode> letters = new ArrayList<>();
        group.get("items").forEach(item -> {
            if (item.get("sequenceIdentifier").asText().equals(sequenceIdentifier)) {
                letters.add(item);
            }
        });
        return letters;
    }

    private static String expectedCauseType(Failure failure) {
        return switch (failure) {
            case EXCEPTION -> IllegalStateException.class.getName();
            case SQL_ERROR -> org.springframework.dao.DataIntegrityViolationException.class.getName();
            case JPA_ERROR -> org.hibernate.exception.DataException.class.getName();
        };
    }

    private static String expectedRoot(Failure failure) {
        return failure == Failure.EXCEPTION ? "poisoned deposit" : "division by zero";
    }
}
