package dev.ledger.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Not part of the build's test run (the name matches none of surefire's includes): run it by name,
 * {@code mvn -o test -pl query-side -Dtest=ReconciliationBenchmark -Dledger.bench.events=100000}, to see how long
 * a scan of N events takes and how much heap its fold keeps. Prints the figures and one run's JSON answer.
 */
class ReconciliationBenchmark extends QuerySideIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationBenchmark.class);
    private static final String CURRENCY = "INR";

    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventStoreScan jdbcScan;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MockMvc http;
    @Autowired
    private ObjectMapper json;

    @Test
    void measureAScanOfTheWholeStore() throws Exception {
        int target = Integer.getInteger("ledger.bench.events", 100_000);
        int accounts = Math.max(10, target / 20);
        long appended = appendHistory(target, accounts);
        long head = eventStore.createHeadToken().position().orElseThrow();
        log.info("BENCH appended {} events ({} accounts); head position {}", appended, accounts, head);
        // measured on a quiet node: first let the processors apply everything
        long projecting = System.nanoTime();
        String lastAccount = "bench-" + (accounts - 1);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(
                () -> jdbc.queryForList("SELECT 1 FROM ledger_query.account_summary WHERE account_id = ?",
                                        lastAccount).size() == 1
                        && projectedUpTo(head));
        log.info("BENCH projections caught up after {} ms", (System.nanoTime() - projecting) / 1_000_000);

        for (int round = 1; round <= 3; round++) {
            System.gc();
            long heapBefore = usedHeap();
            long started = System.nanoTime();
            Recomputation ledger = new Recomputation(transfer -> { });
            long fed = jdbcScan.scan(head, ledger::accept, (position, read) -> { });
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.gc();
            long retained = usedHeap() - heapBefore;
            log.info("BENCH jdbc scan round {}: {} events fed in {} ms ({} events/s); {} accounts' fold keeps ~{} KiB",
                     round, fed, millis, fed * 1000 / Math.max(1, millis), ledger.accounts().size(),
                     retained / 1024);
            assertThat(ledger.sumsByCurrency().get(CURRENCY)).isZero();
        }

        StreamingEventStoreScan streaming = new StreamingEventStoreScan(eventStore, Duration.ofSeconds(30));
        long started = System.nanoTime();
        Recomputation viaStream = new Recomputation(transfer -> { });
        long fed = streaming.scan(head, viaStream::accept, (position, read) -> { });
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("BENCH stream scan (EventStore.openStream): {} events fed in {} ms ({} events/s)", fed, millis,
                 fed * 1000 / Math.max(1, millis));

        long runStarted = System.nanoTime();
        String location = json.readTree(http.perform(post("/admin/reconciliation").param("currency", CURRENCY))
                                            .andReturn().getResponse().getContentAsString())
                              .path("location").asText();
        JsonNode run = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(
                () -> json.readTree(http.perform(get(location)).andReturn().getResponse().getContentAsString()),
                body -> !"RUNNING".equals(body.path("status").asText()));
        log.info("BENCH full run (scan, snapshot compare, statement checks) in {} ms: {}",
                 (System.nanoTime() - runStarted) / 1_000_000, json.writerWithDefaultPrettyPrinter()
                                                                    .writeValueAsString(run));
        assertThat(run.path("divergenceCount").asInt()).isZero();
    }

    private boolean projectedUpTo(long head) {
        Long behind = jdbc.queryForObject("SELECT count(*) FROM ledger_query.account_summary a"
                                                  + " WHERE a.currency = ? AND a.kind = 'CUSTOMER' AND a.version <"
                                                  + " (SELECT max(sequence_number)"
                                                  + " FROM ledger_command.domain_event_entry e"
                                                  + " WHERE e.aggregate_identifier = a.account_id)", Long.class,
                                          CURRENCY);
        return behind != null && behind == 0;
    }

    /** Opens accounts, funds them, then transfers and withdraws at random until about {@code target} events. */
    private long appendHistory(int target, int accounts) {
        Random random = new Random(42);
        // one builder throughout: it numbers each aggregate's events
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "bench");
        long[] balance = new long[accounts];
        String world = LedgerIds.systemAccountOf(CURRENCY);
        String transit = LedgerIds.transitAccountOf(CURRENCY);
        int built = 0;
        int published = 0;
        for (int i = 0; i < accounts; i++) {
            String id = "bench-" + i;
            events.account(id, new AccountOpenedEvent(id, CURRENCY, 0, null, null));
            balance[i] = 1_000_000;
            events.account(id, new MoneyDepositedEvent(id, id + "-dep", money(1_000_000), balance[i], world));
            built += 2;
        }
        int transfers = 0;
        while (built < target) {
            if (random.nextInt(4) == 0) {
                int a = random.nextInt(accounts);
                String id = "bench-" + a;
                balance[a] -= 10;
                events.account(id, new MoneyWithdrawnEvent(id, id + "-wd-" + built, money(10), balance[a], world));
                built++;
            } else {
                int from = random.nextInt(accounts);
                int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                String src = "bench-" + from;
                String dst = "bench-" + to;
                String t = "bench-t-" + transfers++;
                Money amount = money(100);
                events.transfer(t, new TransferRequestedEvent(t, src, dst, amount, null, null, null, null));
                events.transfer(t, new TransferScreenedEvent(t, ScreeningDecision.PASSED, List.of()));
                events.account(src, new HoldPlacedEvent(src, t + "-h", t, amount, 100));
                balance[to] += 100;
                events.account(dst, new TransferCreditedEvent(dst, t, t + "-c", amount, balance[to], transit));
                balance[from] -= 100;
                events.account(src, new HoldCapturedEvent(src, t + "-h", t, t + "-d", amount, balance[from], 0,
                                                          transit));
                events.transfer(t, new TransferCompletedEvent(t, src, dst, amount));
                built += 6;
            }
            if (built - published >= 10_000) {
                published = publishFrom(events.all(), published);
            }
        }
        return publishFrom(events.all(), published);
    }

    /** Publishes {@code all} from index {@code from} on, in chunks; returns how many are published in total. */
    private int publishFrom(List<DomainEventMessage<?>> all, int from) {
        for (int i = from; i < all.size(); i += 1_000) {
            eventStore.publish(all.subList(i, Math.min(all.size(), i + 1_000)));
        }
        return all.size();
    }

    private static Money money(long amount) {
        return new Money(amount, CURRENCY);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
