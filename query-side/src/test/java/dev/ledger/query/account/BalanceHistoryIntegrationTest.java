package dev.ledger.query.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AuthorizedFundsCapturedEvent;
import dev.ledger.api.account.AuthorizedFundsReleasedEvent;
import dev.ledger.api.account.FundsAuthorizedEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.query.support.Callers;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The balance history: a row per account version written with the summary for every kind of event that moves
 * balance or held, answered at a version or an instant, exact (held included), never stale, and rebuilt with a repair.
 */
class BalanceHistoryIntegrationTest extends QuerySideIntegrationTest {

    private static final String PROBLEMS = "https://ledger.dev/problems/";
    private static final String CURRENCY = "KES";

    @Autowired
    private MockMvc http;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ReadModelRepair repair;

    /** An account through every kind of event that moves balance or held, an hour ago, a millisecond apart. */
    private final class History {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String account = "bh-" + suffix;
        final String owner = "holder-" + suffix;
        final DomainEvents events = new DomainEvents(Instant.now().minus(1, ChronoUnit.HOURS)
                                                            .truncatedTo(ChronoUnit.MILLIS), "corr-" + suffix);
        final List<DomainEventMessage<?>> mine = new ArrayList<>();
        /** {version, balance, held} after each version. */
        final long[][] expected = {
                {0, 0, 0}, {1, 10_000, 0}, {2, 7_500, 0}, {3, 7_500, 3_000}, {4, 7_500, 0}, {5, 7_500, 1_000},
                {6, 6_500, 0}, {7, 7_000, 0}, {8, 6_800, 0}};

        History() {
            String world = LedgerIds.systemAccountOf(CURRENCY);
            String transit = LedgerIds.transitAccountOf(CURRENCY);
            events.as(owner);
            add(new AccountOpenedEvent(account, CURRENCY, 500, null, owner));
            add(new MoneyDepositedEvent(account, "dep-" + suffix, money(10_000), 10_000, world));
            add(new MoneyWithdrawnEvent(account, "wd-" + suffix, money(2_500), 7_500, world));
            add(new HoldPlacedEvent(account, "h1-" + suffix, "t1-" + suffix, money(3_000), 3_000));
            add(new HoldReleasedEvent(account, "h1-" + suffix, "t1-" + suffix, money(3_000), 0, "review timed out"));
            add(new HoldPlacedEvent(account, "h2-" + suffix, "t2-" + suffix, money(1_000), 1_000));
            add(new HoldCapturedEvent(account, "h2-" + suffix, "t2-" + suffix, "cap-" + suffix, money(1_000), 6_500, 0,
                                      transit));
            add(new TransferCreditedEvent(account, "t3-" + suffix, "cr-" + suffix, money(500), 7_000, transit));
            add(new TransferDebitedEvent(account, "t4-" + suffix, "db-" + suffix, money(200), 6_800, transit));
        }

        private void add(Object payload) {
            mine.add(events.account(account, payload));
        }

        Instant at(int version) {
            return mine.get(version).getTimestamp();
        }

        void publish() {
            eventStore.publish(events.all());
        }
    }

    @Test
    void shouldAnswerTheBalanceAndHeldAfterEveryVersionAndAtEveryInstant() throws Exception {
        History history = new History();
        history.publish();

        // at once, without a token: the instant is answered only once the account's events up to it are applied
        JsonNode atCapture = read("/accounts/" + history.account + "/balance?wait=10000&at=" + history.at(6));
        assertThat(atCapture.path("processing").asBoolean()).isFalse();
        assertThat(atCapture.path("balance").asLong()).isEqualTo(6_500);
        assertThat(atCapture.path("version").asLong()).isEqualTo(6);

        for (long[] point : history.expected) {
            int version = (int) point[0];
            http.perform(get("/accounts/{id}/balance", history.account).param("version", Long.toString(version))
                                                                        .param("wait", "10000"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accountId").value(history.account))
                .andExpect(jsonPath("$.currency").value(CURRENCY))
                .andExpect(jsonPath("$.version").value(version))
                .andExpect(jsonPath("$.balance").value(point[1]))
                .andExpect(jsonPath("$.held").value(point[2]))
                .andExpect(jsonPath("$.available").value(point[1] + 500 - point[2]))
                .andExpect(jsonPath("$.overdraftLimit").value(500))
                .andExpect(jsonPath("$.at").value(history.at(version).toString()))
                .andExpect(jsonPath("$.processing").value(false))
                .andExpect(jsonPath("$.position").isNumber());
            // at the instant of a version, and just after it (before the next): that version
            for (Instant at : List.of(history.at(version), history.at(version).plusNanos(500_000))) {
                JsonNode answer = read("/accounts/" + history.account + "/balance?at=" + at);
                assertThat(answer.path("version").asLong()).as("at %s", at).isEqualTo(version);
                assertThat(answer.path("balance").asLong()).isEqualTo(point[1]);
                assertThat(answer.path("held").asLong()).isEqualTo(point[2]);
            }
        }
        // neither: the current balance
        JsonNode current = read("/accounts/" + history.account + "/balance");
        assertThat(current.path("version").asLong()).isEqualTo(8);
        assertThat(current.path("balance").asLong()).isEqualTo(6_800);

        // before the account existed: no balance, a problem of its own
        http.perform(get("/accounts/{id}/balance", history.account).param("at", history.at(0).minusMillis(1).toString()))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value(PROBLEMS + "no-balance-at"));
        // its owner may read it; another holder gets what an unknown account gets
        http.perform(get("/accounts/{id}/balance", history.account).param("version", "3")
                                                                    .with(Callers.holder(history.owner)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.held").value(3_000));
        for (String account : List.of(history.account, "bh-unknown-" + history.suffix)) {
            http.perform(get("/accounts/{id}/balance", account).param("at", history.at(3).toString())
                                                                .with(Callers.holder("someone-else")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "account-not-found"));
            // a version is awaited as a token would be: the command side may have it
            http.perform(get("/accounts/{id}/balance", account).param("version", "3").param("wait", "0")
                                                                .with(Callers.holder("someone-else")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.processing").value(true))
                .andExpect(jsonPath("$.reachedVersion").value(-1))
                .andExpect(jsonPath("$.balance").doesNotExist());
        }
    }

    @Test
    void shouldWaitForAVersionTheReadModelHasNotAppliedAndThenSayProcessing() throws Exception {
        History history = new History();
        history.publish();
        read("/accounts/" + history.account + "/balance?wait=10000&version=8");

        http.perform(get("/accounts/{id}/balance", history.account).param("version", "9").param("wait", "100"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.processing").value(true))
            .andExpect(jsonPath("$.reachedVersion").value(8))
            .andExpect(jsonPath("$.awaitedVersion").value(9))
            .andExpect(jsonPath("$.balance").doesNotExist());
    }

    @Test
    void shouldSayProcessingRatherThanAnswerAnInstantWhoseEventsAreNotAllApplied() throws Exception {
        History history = new History();
        // only the opening and the deposit are applied; the withdrawal is in the store but not in the read model
        // (a published event the processor has not reached looks the same from here)
        eventStore.publish(history.events.all().subList(0, 2));
        read("/accounts/" + history.account + "/balance?wait=10000&version=1");
        jdbc.update("UPDATE account_summary SET version = 0 WHERE account_id = ?", history.account);

        http.perform(get("/accounts/{id}/balance", history.account).param("at", history.at(1).toString())
                                                                    .param("wait", "50"))
            .andExpect(jsonPath("$.processing").value(true))
            .andExpect(jsonPath("$.balance").doesNotExist());
        // an instant before the event it misses is exact already
        http.perform(get("/accounts/{id}/balance", history.account).param("at", history.at(0).toString()))
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.balance").value(0));
        jdbc.update("UPDATE account_summary SET version = 1 WHERE account_id = ?", history.account);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at=yesterday", "at=2026-13-01T00:00:00Z", "version=-1", "version=x", "version=",
            "version=99999999999999999999", "at=2020-01-01T00:00:00Z&version=1", "at=+3000000-01-01T00:00:00Z",
            "after=@x", "after=other@1"})
    void shouldRejectMalformedQuestions(String query) throws Exception {
        http.perform(get("/accounts/acc-1/balance?" + query))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").exists());
    }

    @Test
    void shouldFilterTheStatementByTimeRangeConsistentlyWithItsCursor() throws Exception {
        History history = new History();
        history.publish();
        read("/accounts/" + history.account + "/entries?wait=10000&after=" + history.account + "@8");

        // [withdrawal, credit): the withdrawal (v2) and the capture (v6); holds post no entries
        String range = "from=" + history.at(2) + "&to=" + history.at(7);
        JsonNode first = read("/accounts/" + history.account + "/entries?limit=1&" + range);
        assertThat(first.path("items")).hasSize(1);
        assertThat(first.path("items").get(0).path("balanceAfter").asLong()).isEqualTo(6_500);
        JsonNode second = read("/accounts/" + history.account + "/entries?limit=1&" + range + "&cursor="
                               + first.path("nextCursor").asText());
        assertThat(second.path("items").get(0).path("balanceAfter").asLong()).isEqualTo(7_500);
        assertThat(second.path("nextCursor").isNull()).isTrue();
        http.perform(get("/accounts/{id}/entries", history.account).param("from", history.at(7).toString()))
            .andExpect(jsonPath("$.items[*].balanceAfter").value(contains(6_800, 7_000)));
        http.perform(get("/accounts/{id}/entries", history.account).param("to", history.at(1).toString()))
            .andExpect(jsonPath("$.items").isEmpty());

        for (String bad : List.of("from=" + history.at(3) + "&to=" + history.at(3), "from=" + history.at(4) + "&to="
                + history.at(3), "from=x", "to=2026-01-01")) {
            http.perform(get("/accounts/" + history.account + "/entries?" + bad))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"));
        }
    }

    @Test
    void shouldRebuildTheHistoryFromTheStreamWhenReconciliationRepairsTheRow() throws Exception {
        History history = new History();
        history.publish();
        read("/accounts/" + history.account + "/balance?wait=10000&version=8");
        // a history that diverged with its row
        jdbc.update("UPDATE account_balance_history SET balance = balance + 1, held = 7 WHERE account_id = ?",
                    history.account);
        jdbc.update("DELETE FROM account_balance_history WHERE account_id = ? AND version = 4", history.account);

        assertThat(repair.apply(List.of(RowRepair.rewrite(history.account, CURRENCY, 8, 6_800, 0, "OPEN", 8))))
                .isTrue();

        for (long[] point : history.expected) {
            JsonNode answer = read("/accounts/" + history.account + "/balance?version=" + point[0]);
            assertThat(answer.path("balance").asLong()).as("version %d", point[0]).isEqualTo(point[1]);
            assertThat(answer.path("held").asLong()).as("version %d", point[0]).isEqualTo(point[2]);
        }
    }

    /** An authorization's reservation changes held without a review's hold: the rebuild must follow it too. */
    @Test
    void shouldRebuildTheHeldSumOfAnAuthorizationsReservationWhenReconciliationRepairsTheRow() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String account = "bha-" + suffix;
        DomainEvents events = new DomainEvents(Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS),
                                               "corr-" + suffix);
        events.as("holder-" + suffix);
        events.account(account, new AccountOpenedEvent(account, CURRENCY, 0, null, "holder-" + suffix));
        events.account(account, new MoneyDepositedEvent(account, "dep-" + suffix, money(10_000), 10_000,
                                                        LedgerIds.systemAccountOf(CURRENCY)));
        events.account(account, new FundsAuthorizedEvent(account, "auth-" + suffix, money(2_000), 2_000));
        events.account(account, new AuthorizedFundsCapturedEvent(account, "auth-" + suffix, "c1", "c1-" + suffix,
                                                                 money(500), 9_500, 1_500,
                                                                 LedgerIds.transitAccountOf(CURRENCY)));
        events.account(account, new AuthorizedFundsReleasedEvent(account, "auth-" + suffix, money(1_500), 0,
                                                                 "VOIDED"));
        eventStore.publish(events.all());
        read("/accounts/" + account + "/balance?wait=10000&version=4");
        jdbc.update("UPDATE account_balance_history SET held = 0 WHERE account_id = ?", account);

        assertThat(repair.apply(List.of(RowRepair.rewrite(account, CURRENCY, 4, 9_500, 0, "OPEN", 4)))).isTrue();

        long[][] expected = {{2, 10_000, 2_000}, {3, 9_500, 1_500}, {4, 9_500, 0}};
        for (long[] point : expected) {
            JsonNode answer = read("/accounts/" + account + "/balance?version=" + point[0]);
            assertThat(answer.path("balance").asLong()).as("version %d", point[0]).isEqualTo(point[1]);
            assertThat(answer.path("held").asLong()).as("version %d", point[0]).isEqualTo(point[2]);
        }
    }

    private JsonNode read(String uri) throws Exception {
        var response = http.perform(get(uri)).andReturn().getResponse();
        assertThat(response.getStatus()).as(uri + " -> " + response.getContentAsString()).isEqualTo(200);
        return json.readTree(response.getContentAsString());
    }

    private static Money money(long amount) {
        return new Money(amount, CURRENCY);
    }
}
