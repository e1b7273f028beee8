package dev.ledger.query.account;

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
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The world account of a currency is the contra leg of every deposit and withdrawal of every account, so its
 * balance is not bounded by any one account's: two accounts, each well inside a long, push it past 64 bits. Every
 * event here is one the command side accepts (amounts of at most {@link Money#MAX_OPERATION_AMOUNT}, each account's
 * balance a long), appended to the real event store and projected by the running processors; the currency (KRW) is
 * this test's own.
 */
class SystemAccountBeyondLongIntegrationTest extends QuerySideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String CURRENCY = "KRW";
    private static final long AMOUNT = Money.MAX_OPERATION_AMOUNT;
    /** Two accounts of this many deposits hold more than {@link Long#MAX_VALUE} between them. */
    private static final int DEPOSITS_EACH = 4_612;

    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MockMvc http;
    @Autowired
    private ObjectMapper json;

    @Test
    void shouldProjectAndReconcileAWorldAccountPastSixtyFourBits() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> accounts = List.of("big-a-" + suffix, "big-b-" + suffix);
        String world = LedgerIds.systemAccountOf(CURRENCY);
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-big-" + suffix);
        for (String account : accounts) {
            events.account(account, new AccountOpenedEvent(account, CURRENCY, 0, null, "holder-" + suffix));
            for (int i = 1; i <= DEPOSITS_EACH; i++) {
                events.account(account, new MoneyDepositedEvent(account, account + ":d" + i,
                                                                new Money(AMOUNT, CURRENCY), i * AMOUNT, world));
            }
        }
        List<DomainEventMessage<?>> all = events.all();
        // appended in commits of a thousand, as many requests would
        for (int from = 0; from < all.size(); from += 1_000) {
            eventStore.publish(all.subList(from, Math.min(all.size(), from + 1_000)));
        }
        BigInteger each = BigInteger.valueOf(AMOUNT).multiply(BigInteger.valueOf(DEPOSITS_EACH));
        BigInteger customers = each.multiply(BigInteger.TWO);
        assertThat(customers).as("the test's premise").isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));

        // the projection gets through: no batch is stuck on the world row
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String account : accounts) {
                assertThat(versionOf(account)).as(account).isEqualTo(events.versionOf(account));
            }
        });
        assertThat(balanceOf(world)).isEqualTo(customers.negate());
        assertThat(jdbc.queryForObject("SELECT sum(balance) FROM ledger_query.account_summary WHERE currency = ?",
                                       BigDecimal.class, CURRENCY)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_query.dead_letter_entry"
                                               + " WHERE sequence_identifier = ANY (?)", Long.class,
                                       (Object) accounts.toArray(String[]::new))).isZero();

        // and answers with it
        MvcResult read = http.perform(get("/accounts/{id}", world)).andExpect(status().isOk()).andReturn();
        JsonNode view = json.readTree(read.getResponse().getContentAsString());
        assertThat(view.path("balance").bigIntegerValue()).isEqualTo(customers.negate());
        assertThat(view.path("available").bigIntegerValue()).isEqualTo(customers.negate());
        http.perform(get("/accounts/{id}", accounts.get(0)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.balance").value(each.longValueExact()));

        // reconciliation recomputes the same and finds nothing wrong
        JsonNode run = reconcile();
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("divergences")).isEmpty();
        assertThat(run.path("divergenceCount").asInt()).isZero();
        assertThat(run.path("accountsChecked").asLong()).isEqualTo(3);
    }

    private long versionOf(String accountId) {
        List<Long> versions = jdbc.queryForList("SELECT version FROM ledger_query.account_summary WHERE account_id = ?",
                                                Long.class, accountId);
        return versions.isEmpty() ? -2 : versions.get(0);
    }

    private BigInteger balanceOf(String accountId) {
        return new BigInteger(jdbc.queryForObject("SELECT balance::text FROM ledger_query.account_summary"
                                                          + " WHERE account_id = ?", String.class, accountId));
    }

    private JsonNode reconcile() throws Exception {
        MvcResult started = http.perform(post("/admin/reconciliation").param("currency", CURRENCY)
                                                                      .param("repair", "false"))
                                .andExpect(status().isAccepted())
                                .andReturn();
        String location = json.readTree(started.getResponse().getContentAsString()).path("location").asText();
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(
                () -> json.readTree(http.perform(get(location)).andExpect(status().isOk()).andReturn()
                                        .getResponse().getContentAsString()),
                body -> !"RUNNING".equals(body.path("status").asText()));
    }
}
