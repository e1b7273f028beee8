package dev.ledger.query.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AuthorizedFundsCapturedEvent;
import dev.ledger.api.account.AuthorizedFundsCreditedEvent;
import dev.ledger.api.account.AuthorizedFundsReleasedEvent;
import dev.ledger.api.account.FundsAuthorizedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.authorization.AuthorizationCapturedEvent;
import dev.ledger.api.authorization.AuthorizationExpiredEvent;
import dev.ledger.api.authorization.AuthorizationPlacedEvent;
import dev.ledger.api.authorization.AuthorizationVoidedEvent;
import dev.ledger.api.query.AccountView;
import dev.ledger.api.query.FindAccountQuery;
import dev.ledger.api.query.FindStatementQuery;
import dev.ledger.api.query.StatementEntryView;
import dev.ledger.api.query.StatementPage;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.Callers;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.ProjectionDriver;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * An authorization's history (reserved, captured in two parts to two destinations, the rest voided; another one
 * expired) appended to the real event store and projected by the running processors: the authorization view, the
 * accounts' held sums and balances, the statement entries of the captures, the double-entry sum of the currency,
 * and reconciliation recomputing all of it from the store. Its own currency (KRW), so sums and reconciliation see
 * this test's accounts only.
 */
class AuthorizationProjectionIntegrationTest extends QuerySideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CURRENCY = "KRW";
    private static final String TRANSIT = LedgerIds.transitAccountOf(CURRENCY);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private QueryGateway queries;
    @Autowired
    private MockMvc http;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void shouldProjectCapturesVoidsAndExpiriesIntoEveryReadModelAndReconcileClean() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String source = "auth-src-" + suffix;
        String shop = "auth-shop-" + suffix;
        String shop2 = "auth-shop2-" + suffix;
        String voided = "auth-v-" + suffix;
        String expired = "auth-e-" + suffix;
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = start.plus(Duration.ofDays(7));
        DomainEvents events = new DomainEvents(start, "corr-" + suffix).as("holder-a");
        events.account(source, new AccountOpenedEvent(source, CURRENCY, 0, null, "holder-a"));
        events.account(shop, new AccountOpenedEvent(shop, CURRENCY, 0, null, "merchant"));
        events.account(shop2, new AccountOpenedEvent(shop2, CURRENCY, 0, null, "merchant"));
        events.account(source, new MoneyDepositedEvent(source, "dep-" + suffix, krw(10_000), 10_000,
                                                       LedgerIds.systemAccountOf(CURRENCY)));
        // the first: 5,000 reserved, 2,000 to the shop, 1,000 to the second shop, the rest voided
        events.authorization(voided, new AuthorizationPlacedEvent(voided, source, krw(5_000), shop, expiresAt,
                                                                  "order 1", "holder-a", "holder-a"));
        events.account(source, new FundsAuthorizedEvent(source, voided, krw(5_000), 5_000));
        capture(events, voided, "c1", source, shop, 2_000, 2_000, 3_000, 8_000, 3_000, 2_000);
        capture(events, voided, "c2", source, shop2, 1_000, 3_000, 2_000, 7_000, 2_000, 1_000);
        events.authorization(voided, new AuthorizationVoidedEvent(voided, source, krw(2_000), "holder-a"));
        events.account(source, new AuthorizedFundsReleasedEvent(source, voided, krw(2_000), 0, "VOIDED"));
        // the second: 500 reserved, expired untouched
        events.authorization(expired, new AuthorizationPlacedEvent(expired, source, krw(500), null, expiresAt,
                                                                   null, "holder-a", "holder-a"));
        events.account(source, new FundsAuthorizedEvent(source, expired, krw(500), 500));
        events.as("ledger:authorization-expiry");
        events.authorization(expired, new AuthorizationExpiredEvent(expired, source, krw(500)));
        events.account(source, new AuthorizedFundsReleasedEvent(source, expired, krw(500), 0, "EXPIRED"));

        eventStore.publish(events.all());

        JsonNode view = awaitAuthorization(voided, events.versionOf(voided));
        assertThat(view.path("status").asText()).isEqualTo("VOIDED");
        assertThat(view.path("amount").asLong()).isEqualTo(5_000);
        assertThat(view.path("capturedAmount").asLong()).isEqualTo(3_000);
        assertThat(view.path("remainingAmount").asLong()).as("nothing reserved once voided").isZero();
        assertThat(view.path("currency").asText()).isEqualTo(CURRENCY);
        assertThat(view.path("destinationAccountId").asText()).isEqualTo(shop);
        assertThat(view.path("processing").asBoolean()).isFalse();
        assertThat(view.path("captures")).extracting(c -> c.path("captureId").asText(),
                                                     c -> c.path("destinationAccountId").asText(),
                                                     c -> c.path("amount").asLong())
                .containsExactly(tuple("c1", shop, 2_000L), tuple("c2", shop2, 1_000L));
        assertThat(awaitAuthorization(expired, events.versionOf(expired)).path("status").asText())
                .isEqualTo("EXPIRED");

        AccountView sourceRow = awaitAccount(source, events.versionOf(source));
        assertThat(sourceRow.balance()).isEqualTo(7_000);
        assertThat(sourceRow.held()).as("no hold left after the void and the expiry").isZero();
        assertThat(awaitAccount(shop, events.versionOf(shop)).balance()).isEqualTo(2_000);
        assertThat(awaitAccount(shop2, events.versionOf(shop2)).balance()).isEqualTo(1_000);
        assertThat(account(TRANSIT).orElseThrow().balance()).isZero();
        assertThat(sumOfCurrency()).isZero();
        StatementPage statement = await().atMost(PATIENCE).until(() -> statement(source),
                                                                   page -> page.appliedSequence()
                                                                           >= events.versionOf(source));
        assertThat(statement.items()).extracting(StatementEntryView::entryId, StatementEntryView::direction,
                                                 StatementEntryView::balanceAfter)
                .containsExactly(tuple(voided + "/c2:debit", "DEBIT", 7_000L),
                                 tuple(voided + "/c1:debit", "DEBIT", 8_000L),
                                 tuple("dep-" + suffix, "CREDIT", 10_000L));

        // redelivered (a replay's overlap, a retried batch): nothing changes
        Map<String, Object> before = rows(voided, source);
        ProjectionDriver driver = new ProjectionDriver(processing, transactionManager);
        for (String group : List.of(ProcessingGroups.AUTHORIZATIONS, ProcessingGroups.ACCOUNT_SUMMARY,
                                    ProcessingGroups.ACCOUNT_STATEMENT)) {
            driver.deliver(group, events.all());
        }
        assertThat(rows(voided, source)).isEqualTo(before);
        assertThat(sumOfCurrency()).isZero();

        JsonNode run = reconcile();
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("divergences")).isEmpty();
        assertThat(run.path("divergenceCount").asInt()).isZero();
    }

    @Test
    void shouldListAnAccountsAuthorizationsByStatusToItsOwnerOnly() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String source = "auth-list-" + suffix;
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-" + suffix);
        Instant expiresAt = Instant.now().plus(Duration.ofDays(1));
        events.account(source, new AccountOpenedEvent(source, "EUR", 0, null, "holder-l"));
        for (String id : List.of("a-" + suffix, "b-" + suffix, "c-" + suffix)) {
            events.authorization(id, new AuthorizationPlacedEvent(id, source, new Money(10, "EUR"), null, expiresAt,
                                                                  null, "holder-l", "holder-l"));
        }
        events.authorization("b-" + suffix, new AuthorizationVoidedEvent("b-" + suffix, source,
                                                                         new Money(10, "EUR"), "holder-l"));
        eventStore.publish(events.all());
        awaitAuthorization("b-" + suffix, 1);
        awaitAuthorization("c-" + suffix, 0);

        JsonNode open = body(http.perform(get("/accounts/" + source + "/authorizations").param("status", "OPEN")
                                                  .param("limit", "1").with(Callers.holder("holder-l")))
                                 .andExpect(status().isOk()).andReturn());
        assertThat(open.path("items")).extracting(i -> i.path("authorizationId").asText())
                .containsExactly("a-" + suffix);
        JsonNode next = body(http.perform(get("/accounts/" + source + "/authorizations").param("status", "OPEN")
                                                  .param("cursor", open.path("nextCursor").asText())
                                                  .with(Callers.holder("holder-l")))
                                 .andExpect(status().isOk()).andReturn());
        assertThat(next.path("items")).extracting(i -> i.path("authorizationId").asText())
                .containsExactly("c-" + suffix);
        assertThat(next.path("nextCursor").isNull()).isTrue();

        JsonNode foreign = body(http.perform(get("/accounts/" + source + "/authorizations")
                                                     .with(Callers.holder("holder-x")))
                                    .andExpect(status().isOk()).andReturn());
        assertThat(foreign.path("items")).isEmpty();
        http.perform(get("/authorizations/a-" + suffix).with(Callers.holder("holder-x")))
            .andExpect(status().isNotFound());
        http.perform(get("/authorizations/a-" + suffix).with(Callers.holder("holder-l")))
            .andExpect(status().isOk());
        http.perform(get("/accounts/" + source + "/authorizations").param("status", "SOMETIMES"))
            .andExpect(status().isBadRequest());
    }

    @Test
    void shouldAnswerProcessingInsteadOf404ForATokenNotAppliedYet() throws Exception {
        String id = "never-" + UUID.randomUUID();
        JsonNode behind = body(http.perform(get("/authorizations/" + id).param("after", id + "@3")
                                                    .param("wait", "0"))
                                   .andExpect(status().isOk()).andReturn());
        assertThat(behind.path("processing").asBoolean()).isTrue();
    }

    /** Read-your-writes across read models: a position any other answer gave works here as everywhere. */
    @Test
    void shouldWaitForAPositionTokenOnTheAuthorizationReads() throws Exception {
        String id = "never-" + UUID.randomUUID();
        for (String path : List.of("/authorizations/" + id, "/accounts/acc-" + id + "/authorizations")) {
            JsonNode behind = body(http.perform(get(path).param("after", "@" + Long.MAX_VALUE / 2)
                                                        .param("wait", "0"))
                                       .andExpect(status().isOk()).andReturn());
            assertThat(behind.path("processing").asBoolean()).as(path).isTrue();
            assertThat(behind.path("awaitedPosition").asLong()).as(path).isEqualTo(Long.MAX_VALUE / 2);
        }
        http.perform(get("/authorizations/" + id).param("after", "@x")).andExpect(status().isBadRequest());
    }

    private static void capture(DomainEvents events, String id, String captureId, String source, String destination,
                                long amount, long total, long remaining, long sourceBalance, long heldAfter,
                                long destinationBalance) {
        events.authorization(id, new AuthorizationCapturedEvent(id, captureId, source, destination, krw(amount),
                                                                total, remaining, "holder-a"));
        events.account(source, new AuthorizedFundsCapturedEvent(source, id, captureId, id + "/" + captureId
                + ":debit", krw(amount), sourceBalance, heldAfter, TRANSIT));
        events.account(destination, new AuthorizedFundsCreditedEvent(destination, id, captureId, id + "/"
                + captureId + ":credit", krw(amount), destinationBalance, TRANSIT));
    }

    private JsonNode awaitAuthorization(String id, long version) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(
                () -> body(http.perform(get("/authorizations/" + id).param("after", id + "@" + version)
                                                .param("wait", "1000")).andReturn()),
                body -> body.path("version").asLong(-1) >= version);
    }

    private AccountView awaitAccount(String accountId, long version) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                      .until(() -> account(accountId), a -> a.filter(v -> v.version() >= version).isPresent())
                      .orElseThrow();
    }

    private Optional<AccountView> account(String accountId) {
        return queries.query(new FindAccountQuery(accountId, null), ResponseTypes.optionalInstanceOf(AccountView.class))
                      .join();
    }

    private StatementPage statement(String accountId) {
        return queries.query(new FindStatementQuery(accountId, null, 50, null),
                             ResponseTypes.instanceOf(StatementPage.class))
                      .join();
    }

    private long sumOfCurrency() {
        Long sum = jdbc.queryForObject("SELECT COALESCE(SUM(balance), 0) FROM ledger_query.account_summary "
                                       + "WHERE currency = ?", Long.class, CURRENCY);
        return sum == null ? 0 : sum;
    }

    private Map<String, Object> rows(String authorizationId, String accountId) {
        return Map.of("authorization", jdbc.queryForList(
                              "SELECT * FROM ledger_query.authorization_view WHERE authorization_id = ?",
                              authorizationId),
                      "captures", jdbc.queryForList(
                              "SELECT * FROM ledger_query.authorization_capture WHERE authorization_id = ? "
                                      + "ORDER BY capture_id", authorizationId),
                      "summary", jdbc.queryForList(
                              "SELECT * FROM ledger_query.account_summary WHERE currency = ? ORDER BY account_id",
                              CURRENCY),
                      "entries", jdbc.queryForList(
                              "SELECT * FROM ledger_query.statement_entry WHERE account_id = ? ORDER BY sequence",
                              accountId));
    }

    private JsonNode reconcile() throws Exception {
        JsonNode accepted = body(http.perform(post("/admin/reconciliation").param("currency", CURRENCY)
                                                      .param("repair", "false"))
                                     .andExpect(status().isAccepted()).andReturn());
        String location = accepted.path("location").asText();
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(
                () -> body(http.perform(get(location)).andExpect(status().isOk()).andReturn()),
                run -> !"RUNNING".equals(run.path("status").asText()));
    }

    private JsonNode body(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString());
    }

    private static Money krw(long amount) {
        return new Money(amount, CURRENCY);
    }
}
