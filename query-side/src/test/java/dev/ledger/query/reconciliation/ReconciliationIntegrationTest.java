package dev.ledger.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Reconciliation end to end: histories appended to the real event store and projected by the running processors,
 * read models then corrupted behind the projections' backs with plain SQL, runs started and read over REST.
 * Every test has a currency no other test of the module uses (ISK belongs to the dead-letter tests, AUD to the
 * processor-admin test, NOK, SEK, DKK, PLN, CZK, HUF, RON and BGN to the delivery-order test, which writes rows
 * without events), and starts its runs scoped to it, so the findings (and repairs) are its own although the
 * database is shared.
 */
class ReconciliationIntegrationTest extends QuerySideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc http;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private ReconciliationContext context;

    @Test
    void shouldReconcileACleanLedgerWithoutDivergences() throws Exception {
        Scenario ledger = Scenario.publish(eventStore, "NZD");
        awaitProjected(ledger);

        JsonNode run = reconcile("NZD", false);

        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("divergenceCount").asInt()).isZero();
        assertThat(run.path("divergences")).isEmpty();
        assertThat(run.path("inFlight")).isEmpty();
        assertThat(run.path("currency").asText()).isEqualTo("NZD");
        assertThat(run.path("transfersChecked").asLong()).isEqualTo(1);
        // two customer accounts and the world and transit rows
        assertThat(run.path("accountsChecked").asLong()).isEqualTo(4);
        assertThat(run.path("headPosition").asLong()).isPositive();
        // every event of the scenario but the transfer's request and screening, which no check needs
        assertThat(run.path("eventsRead").asLong()).isGreaterThanOrEqualTo(ledger.events.all().size() - 2);
        assertThat(meters.get("ledger.reconciliation.divergences").gauge().value()).isZero();
        await().atMost(PATIENCE).until(() -> meters.find("ledger.reconciliation.runs").tag("status", "COMPLETED")
                                                   .counters().stream().anyMatch(c -> c.count() > 0));
    }

    @Test
    void shouldReportACorruptedBalanceAndTheBrokenInvariantThenRepairIt() throws Exception {
        Scenario ledger = Scenario.publish(eventStore, "SGD");
        awaitProjected(ledger);
        jdbc.update("UPDATE ledger_query.account_summary SET balance = balance + 1 WHERE account_id = ?",
                    ledger.source);

        JsonNode found = reconcile("SGD", false);

        assertThat(found.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(found.path("repair").asBoolean()).isFalse();
        assertThat(found.path("divergenceCount").asInt()).isEqualTo(2);
        assertThat(divergences(found)).containsExactlyInAnyOrder(
                tuple("BALANCE_MISMATCH", ledger.source, "SGD", "7000", "7001", false),
                tuple("INVARIANT_BROKEN", null, "SGD", "0", "1", false));
        assertThat(meters.get("ledger.reconciliation.divergences").gauge().value()).isEqualTo(2.0);
        assertThat(balanceOf(ledger.source)).as("a run without repair changes nothing").isEqualTo(7_001);

        JsonNode repaired = reconcile("SGD", true);

        assertThat(repaired.path("repair").asBoolean()).isTrue();
        assertThat(repaired.path("repaired").asBoolean()).isTrue();
        assertThat(repaired.path("repairedCount").asInt()).isEqualTo(2);
        assertThat(divergences(repaired)).containsExactlyInAnyOrder(
                tuple("BALANCE_MISMATCH", ledger.source, "SGD", "7000", "7001", true),
                tuple("INVARIANT_BROKEN", null, "SGD", "0", "1", true));
        assertThat(balanceOf(ledger.source)).isEqualTo(7_000);
        assertThat(jdbc.queryForObject("SELECT version FROM ledger_query.account_summary WHERE account_id = ?",
                                       Long.class, ledger.source))
                .isEqualTo(ledger.events.versionOf(ledger.source));
        assertThat(sumOf("SGD")).isZero();

        JsonNode clean = reconcile("SGD", false);

        assertThat(clean.path("divergenceCount").asInt()).isZero();
        assertThat(clean.path("divergences")).isEmpty();
    }

    @Test
    void shouldReportACompletedTransferWhoseStatementEntryIsGoneAsAMissingPosting() throws Exception {
        Scenario ledger = Scenario.publish(eventStore, "ZAR");
        awaitProjected(ledger);
        int deleted = jdbc.update("DELETE FROM ledger_query.statement_entry WHERE account_id = ? AND transfer_id = ?",
                                  ledger.destination, ledger.transfer);
        assertThat(deleted).isOne();

        JsonNode run = reconcile("ZAR", true);

        assertThat(run.path("divergenceCount").asInt()).isOne();
        JsonNode missing = run.path("divergences").get(0);
        assertThat(missing.path("kind").asText()).isEqualTo("MISSING_POSTING");
        assertThat(missing.path("transferId").asText()).isEqualTo(ledger.transfer);
        assertThat(missing.path("accountId").asText()).isEqualTo(ledger.destination);
        assertThat(missing.path("expected").asText()).startsWith("CREDIT entry at sequence");
        assertThat(missing.path("actual").asText()).isEqualTo("none");
        assertThat(missing.path("detail").asText()).contains("/admin/processors/account-statement/replay");
        assertThat(missing.path("repaired").asBoolean()).as("statements are rebuilt by a replay, not here").isFalse();
    }

    @Test
    void shouldReportARowThatClaimsEventsTheStoreDoesNotHaveAndRewindItOnRepair() throws Exception {
        Scenario ledger = Scenario.publish(eventStore, "MXN");
        awaitProjected(ledger);
        long version = ledger.events.versionOf(ledger.destination);
        jdbc.update("UPDATE ledger_query.account_summary SET version = version + 5, status = 'OPEN'"
                            + " WHERE account_id = ?", ledger.destination);

        JsonNode found = reconcile("MXN", false);

        assertThat(divergences(found)).containsExactly(
                tuple("VERSION_MISMATCH", ledger.destination, "MXN", Long.toString(version),
                      Long.toString(version + 5), false));

        reconcile("MXN", true);

        assertThat(jdbc.queryForMap("SELECT version, status FROM ledger_query.account_summary WHERE account_id = ?",
                                    ledger.destination))
                .containsEntry("version", version).containsEntry("status", "FROZEN");
        assertThat(reconcile("MXN", false).path("divergenceCount").asInt()).isZero();
    }

    @Test
    void shouldNotCallEventsTheProjectionsAreStillApplyingDivergent() throws Exception {
        List<Scenario> ledgers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ledgers.add(Scenario.publish(eventStore, "BRL"));
        }
        // no waiting: the run starts while the processors are still applying these events

        JsonNode run = reconcile("BRL", false);

        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("divergences")).isEmpty();
        ledgers.forEach(this::awaitProjected);
        assertThat(reconcile("BRL", false).path("divergenceCount").asInt()).isZero();
    }

    /**
     * Rows that stay behind after their projection passed the run's head missed events (here: deleted, and rewound
     * by one event, behind the projection's back). Run directly with a short settle timeout instead of the default
     * 30 s.
     */
    @Test
    void shouldReportRowsThatMissedEventsAndRebuildThemOnRepair() {
        Scenario ledger = Scenario.publish(eventStore, "THB");
        awaitProjected(ledger);
        long destinationVersion = ledger.events.versionOf(ledger.destination);
        jdbc.update("DELETE FROM ledger_query.account_summary WHERE account_id = ?", ledger.source);
        // the state before the destination's last event (its freeze)
        jdbc.update("UPDATE ledger_query.account_summary SET version = version - 1, status = 'OPEN'"
                            + " WHERE account_id = ?", ledger.destination);

        ReconciliationRun.Outcome outcome = new ReconciliationRun(quicklySettling(), true, "THB", (h, p, e) -> { })
                .execute();

        assertThat(outcome.findings().divergences())
                .extracting(Divergence::kind, Divergence::accountId, d -> plain(d.expected()), d -> plain(d.actual()),
                            Divergence::repaired)
                .containsExactlyInAnyOrder(
                        tuple(DivergenceKind.INVARIANT_BROKEN, null, 0L, -7000L, true),
                        tuple(DivergenceKind.MISSING_ROW, ledger.source,
                              "balance 7000 at version " + ledger.events.versionOf(ledger.source), "none", true),
                        tuple(DivergenceKind.VERSION_MISMATCH, ledger.destination,
                              destinationVersion, destinationVersion - 1, true));
        // the row rebuilt from the event store has what the opening decided, the owner too
        assertThat(jdbc.queryForMap("SELECT balance, held, status, version, owner_ref, owner FROM"
                                            + " ledger_query.account_summary WHERE account_id = ?", ledger.source))
                .containsEntry("balance", BigDecimal.valueOf(7_000)).containsEntry("held", 1_000L)
                .containsEntry("status", "OPEN")
                .containsEntry("version", ledger.events.versionOf(ledger.source))
                .containsEntry("owner_ref", "owner-" + ledger.suffix)
                .containsEntry("owner", ledger.sourceOwner);
        // ...and its labels
        assertThat(jdbc.queryForObject("SELECT metadata ->> 'customerId' FROM ledger_query.account_summary"
                                               + " WHERE account_id = ?", String.class, ledger.source))
                .isEqualTo("c-" + ledger.suffix);
        // a rewritten row keeps its owner
        assertThat(jdbc.queryForMap("SELECT status, version, owner FROM ledger_query.account_summary"
                                            + " WHERE account_id = ?", ledger.destination))
                .containsEntry("status", "FROZEN").containsEntry("version", destinationVersion)
                .containsEntry("owner", ledger.destinationOwner);
        assertThat(sumOf("THB")).isZero();
        assertThat(new ReconciliationRun(quicklySettling(), false, "THB", (h, p, e) -> { }).execute()
                           .findings().divergenceCount()).isZero();
    }

    private ReconciliationContext quicklySettling() {
        ReconciliationProperties defaults = context.properties();
        ReconciliationProperties quick = new ReconciliationProperties(
                defaults.enabled(), defaults.schedule(), defaults.repairOnSchedule(), defaults.batchSize(),
                Duration.ofSeconds(1), defaults.staleAfter(), defaults.maxReported(), defaults.maxRealigned());
        return new ReconciliationContext(context.eventStore(), context.scan(), context.jdbc(), context.transactions(),
                                         context.progress(), context.accounts(), quick, context.storage());
    }

    @Test
    void shouldAnswer404ProblemForAnUnknownRun() throws Exception {
        http.perform(get("/admin/reconciliation/{runId}", "no-such-run"))
            .andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://ledger.dev/problems/unknown-reconciliation-run"))
            .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void shouldRefuseASecondRunWhileOneIsRunning() throws Exception {
        String running = "test-running-" + UUID.randomUUID();
        jdbc.update("INSERT INTO ledger_query.reconciliation_run (run_id, triggered_by, status, repair, started_at,"
                            + " heartbeat_at) VALUES (?, 'MANUAL', 'RUNNING', false, now(), now())", running);
        try {
            http.perform(post("/admin/reconciliation"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://ledger.dev/problems/reconciliation-running"))
                .andExpect(jsonPath("$.runId").value(running))
                .andExpect(header().string("Location", "/admin/reconciliation/" + running));
        } finally {
            jdbc.update("UPDATE ledger_query.reconciliation_run SET status = 'FAILED' WHERE run_id = ?", running);
        }
    }

    @Test
    void shouldRefuseAnInvalidCurrency() throws Exception {
        http.perform(post("/admin/reconciliation").param("currency", "eur"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** Starts a run scoped to {@code currency} over REST and polls it until it ends. */
    private JsonNode reconcile(String currency, boolean repair) throws Exception {
        MvcResult started = http.perform(post("/admin/reconciliation").param("currency", currency)
                                                                      .param("repair", Boolean.toString(repair)))
                                .andExpect(status().isAccepted())
                                .andExpect(jsonPath("$.status").value("RUNNING"))
                                .andReturn();
        JsonNode accepted = json.readTree(started.getResponse().getContentAsString());
        String location = accepted.path("location").asText();
        assertThat(location).isEqualTo("/admin/reconciliation/" + accepted.path("runId").asText());
        assertThat(started.getResponse().getHeader("Location")).isEqualTo(location);
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(
                () -> json.readTree(http.perform(get(location)).andExpect(status().isOk()).andReturn()
                                        .getResponse().getContentAsString()),
                body -> !"RUNNING".equals(body.path("status").asText()));
    }

    private static List<org.assertj.core.groups.Tuple> divergences(JsonNode run) {
        List<org.assertj.core.groups.Tuple> found = new ArrayList<>();
        run.path("divergences").forEach(d -> found.add(tuple(
                d.path("kind").asText(), d.path("accountId").isNull() ? null : d.path("accountId").asText(),
                d.path("currency").asText(), d.path("expected").asText(), d.path("actual").asText(),
                d.path("repaired").asBoolean())));
        return found;
    }

    private void awaitProjected(Scenario ledger) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(
                () -> versionOf("account_summary", "version", ledger.source) == ledger.events.versionOf(ledger.source)
                        && versionOf("account_summary", "version", ledger.destination)
                                == ledger.events.versionOf(ledger.destination)
                        && versionOf("statement_head", "last_sequence", ledger.source)
                                == ledger.events.versionOf(ledger.source)
                        && versionOf("statement_head", "last_sequence", ledger.destination)
                                == ledger.events.versionOf(ledger.destination));
    }

    private long versionOf(String table, String column, String accountId) {
        List<Long> versions = jdbc.queryForList("SELECT " + column + " FROM ledger_query." + table
                                                        + " WHERE account_id = ?", Long.class, accountId);
        return versions.isEmpty() ? -2 : versions.get(0);
    }

    private long balanceOf(String accountId) {
        return jdbc.queryForObject("SELECT balance FROM ledger_query.account_summary WHERE account_id = ?",
                                   Long.class, accountId);
    }

    private long sumOf(String currency) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(balance), 0) FROM ledger_query.account_summary"
                                           + " WHERE currency = ?", Long.class, currency);
    }

    /**
     * Two accounts and one completed transfer, as the command side would append them: the source is funded with
     * 10,000 and pays 3,000 to the destination (source 7,000, then a second hold of 1,000 left open); the
     * destination withdraws 500 (2,500) and is frozen.
     */
    private static final class Scenario {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String source = "rec-src-" + suffix;
        final String destination = "rec-dst-" + suffix;
        final String transfer = "rec-tr-" + suffix;
        final String sourceOwner = "holder-src-" + suffix;
        final String destinationOwner = "holder-dst-" + suffix;
        final DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-" + suffix);

        static Scenario publish(EventStore eventStore, String currency) {
            Scenario scenario = new Scenario();
            scenario.build(currency);
            eventStore.publish(scenario.events.all());
            return scenario;
        }

        private void build(String currency) {
            String world = LedgerIds.systemAccountOf(currency);
            String transit = LedgerIds.transitAccountOf(currency);
            Money amount = new Money(3_000, currency);
            events.account(source, new AccountOpenedEvent(source, currency, 0, "owner-" + suffix, sourceOwner,
                                                          Map.of("customerId", "c-" + suffix)));
            events.account(source, new MoneyDepositedEvent(source, "dep-" + suffix, new Money(10_000, currency),
                                                           10_000, world));
            events.account(destination, new AccountOpenedEvent(destination, currency, 0, null, destinationOwner));
            events.transfer(transfer, new TransferRequestedEvent(transfer, source, destination, amount, "rent",
                                                                 sourceOwner, sourceOwner, destinationOwner));
            events.transfer(transfer, new TransferScreenedEvent(transfer, ScreeningDecision.PASSED, List.of()));
            events.account(source, new HoldPlacedEvent(source, "hold-" + transfer, transfer, amount, 3_000));
            events.account(destination, new TransferCreditedEvent(destination, transfer, "credit-" + transfer, amount,
                                                                  3_000, transit));
            events.account(source, new HoldCapturedEvent(source, "hold-" + transfer, transfer, "debit-" + transfer,
                                                         amount, 7_000, 0, transit));
            events.transfer(transfer, new TransferCompletedEvent(transfer, source, destination, amount));
            events.account(destination, new MoneyWithdrawnEvent(destination, "wd-" + suffix,
                                                                new Money(500, currency), 2_500, world));
            events.account(source, new HoldPlacedEvent(source, "hold-next-" + suffix, "next-" + suffix,
                                                       new Money(1_000, currency), 1_000));
            events.account(destination, new AccountFrozenEvent(destination, "dispute"));
        }
    }

    /** A finding's value as the test writes it: a number as a long (a typed value, not a string), text as text. */
    private static Object plain(JsonNode value) {
        return value == null ? null : value.isNumber() ? (Object) value.longValue() : value.asText();
    }
}
