package dev.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.query.AccountPage;
import dev.ledger.api.query.AccountView;
import dev.ledger.api.query.FindAccountQuery;
import dev.ledger.api.query.FindStatementQuery;
import dev.ledger.api.query.FindTransferQuery;
import dev.ledger.api.query.ListAccountsQuery;
import dev.ledger.api.query.StatementEntryView;
import dev.ledger.api.query.StatementPage;
import dev.ledger.api.query.TransferStepView;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.Deliveries;
import dev.ledger.query.support.Deliveries.Redelivery;
import dev.ledger.query.support.GeneratedHistory;
import dev.ledger.query.support.GeneratedHistory.ExpectedAccount;
import dev.ledger.query.support.GeneratedHistory.ExpectedTransfer;
import dev.ledger.query.support.GeneratedHistory.Path;
import dev.ledger.query.support.ProjectionDriver;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The read models do not depend on the delivery order a streaming processor may produce, nor on redelivery.
 * <p>
 * Per seed, one generated history (five accounts in a currency no other test uses, with deposits, withdrawals,
 * freezes, a closure and a dozen concurrent transfers on every path; see {@link GeneratedHistory}) is built twice
 * with the same structure and timestamps under two id namespaces, {@code a-<run>-} and {@code b-<run>-}, so both live in the
 * shared database:
 * <ol>
 *     <li>run A goes to each processing group once, in store order, one event per transaction; its result is first checked against the
 *     history's own model (balances, holds, statuses, versions, posting counts, transfer outcomes and timelines),
 *     so the reference itself is right;</li>
 *     <li>run B goes to each group in a seeded random interleaving that keeps only what the group's sequencing
 *     policy guarantees (per aggregate for the account groups; per transfer, across the transfer's own and its
 *     accounts' streams, for {@code transfers}), with every event delivered again right after itself, much later,
 *     or both, in batches of random size as a processor delivers them (projections that write once per batch fold
 *     such a batch in memory, so this is where their folding is checked against A's one-by-one statements).</li>
 * </ol>
 * After stripping the namespaces, every account view of the currency, every full statement (entries in order and
 * the applied sequence) and every transfer view (status, timeline, screening, version, timestamps) of B equals
 * A's; the system rows (world and transit) moved by the same amounts in both runs and otherwise look the same, and
 * the currency's balances sum to zero after each run.
 */
class ProjectionDeliveryOrderIntegrationTest extends QuerySideIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ProjectionDeliveryOrderIntegrationTest.class);

    private static final List<String> GROUPS = List.of(ProcessingGroups.ACCOUNT_SUMMARY,
                                                       ProcessingGroups.ACCOUNT_STATEMENT,
                                                       ProcessingGroups.TRANSFERS);
    private static final int PAGE = 200;
    /** Run B's deliveries come in batches of 1 to this many events, as a processor's do (run A's one by one). */
    private static final int MAX_BATCH = 40;

    @Autowired
    private QueryGateway queries;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private JdbcTemplate jdbc;

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();
    private ProjectionDriver driver;

    @BeforeEach
    void setUp() {
        driver = new ProjectionDriver(processing, transactionManager);
    }

    /**
     * Each seed has a currency no other test uses, so its system rows and its double-entry sum are its own (and a
     * failing seed does not unbalance the next one's).
     */
    @ParameterizedTest(name = "seed {0} in {1}")
    @CsvSource({"1, NOK", "2, SEK", "3, DKK", "17, PLN", "42, CZK", "2024, HUF", "31337, RON", "-7, BGN"})
    void shouldReachTheSameReadModelsWhateverTheDeliveryOrderAndRedelivery(long seed, String currency) {
        long began = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 6);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        GeneratedHistory a = GeneratedHistory.generate(seed, "a-" + run + "-", currency, start);
        GeneratedHistory b = GeneratedHistory.generate(seed, "b-" + run + "-", currency, start);
        assertThat(shape(b)).as("both runs have the same history up to the namespace").isEqualTo(shape(a));
        assertCoversEveryPath(a);

        // (1) in order, once
        Map<String, AccountView> beforeA = systemRows(a);
        for (String group : GROUPS) {
            driver.deliver(group, a.events());
        }
        Map<String, AccountView> afterA = systemRows(a);
        assertThat(sumOfCurrency(currency)).as("double-entry sum after the in-order run").isZero();
        Map<String, JsonNode> readA = readModels(a);
        assertMatchesModel(a, beforeA, afterA);

        // (2) shuffled across sequences, every event redelivered
        Random random = new Random(seed * 7_919 + 13);
        Map<String, String> stats = new LinkedHashMap<>();
        for (String group : GROUPS) {
            Map<DomainEventMessage<?>, Redelivery> kinds = new IdentityHashMap<>();
            List<DomainEventMessage<?>> order = Deliveries.redeliverEach(
                    Deliveries.interleave(b.events(), e -> sequenceOf(group, e), random), random, kinds);
            stats.put(group, checkDeliveryOrder(group, b.events(), order, kinds));
            driver.deliverInBatches(group, order, random, MAX_BATCH);
        }
        Map<String, AccountView> afterB = systemRows(b);
        Map<String, JsonNode> readB = readModels(b);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(sumOfCurrency(currency)).as("double-entry sum after the shuffled run").isZero();
        softly.assertThat(readB.keySet()).as("read model keys").containsExactlyElementsOf(readA.keySet());
        readA.forEach((key, expected) -> softly.assertThat(readB.get(key)).as(key).isEqualTo(expected));
        for (String system : List.of(a.worldAccount(), a.transitAccount())) {
            softly.assertThat(balance(afterB, system) - balance(afterA, system))
                  .as("%s moved by the same amount in both runs", system)
                  .isEqualTo(balance(afterA, system) - balance(beforeA, system));
            softly.assertThat(withoutBalance(afterB.get(system))).as("%s apart from its balance", system)
                  .isEqualTo(withoutBalance(afterA.get(system)));
        }
        softly.assertAll();

        log.info("seed {} in {}: {}; {} read-model views compared; deliveries {}; {} ms", seed, currency, b.summary(),
                 readA.size(), stats, (System.nanoTime() - began) / 1_000_000);
    }

    // --- delivery orders --------------------------------------------------------------------------------------

    /**
     * What a group's processor keeps in order: an aggregate's events for the account groups; for
     * {@code transfers}, a transfer's events from its own and its accounts' streams, anything else per aggregate.
     * Checked against the sequencing policy the processor is actually configured with.
     */
    private Object sequenceOf(String group, DomainEventMessage<?> event) {
        Object expected = group.equals(ProcessingGroups.TRANSFERS)
                ? transferIdOf(event.getPayload()).orElse(event.getAggregateIdentifier())
                : event.getAggregateIdentifier();
        Object configured = processing.sequencingPolicy(group).getSequenceIdentifierFor(event);
        assertThat(configured).as("sequencing policy of %s for %s", group, event.getPayloadType().getSimpleName())
                              .isEqualTo(expected);
        return expected;
    }

    /** The transfer an event belongs to: every event of the transfer's stream and the accounts' transfer legs. */
    private static Optional<String> transferIdOf(Object payload) {
        String id = null;
        if (payload instanceof TransferRequestedEvent e) {
            id = e.transferId();
        } else if (payload instanceof TransferScreenedEvent e) {
            id = e.transferId();
        } else if (payload instanceof TransferApprovedEvent e) {
            id = e.transferId();
        } else if (payload instanceof TransferCompletedEvent e) {
            id = e.transferId();
        } else if (payload instanceof TransferRejectedEvent e) {
            id = e.transferId();
        } else if (payload instanceof TransferFailedEvent e) {
            id = e.transferId();
        } else if (payload instanceof HoldPlacedEvent e) {
            id = e.transferId();
        } else if (payload instanceof HoldRejectedEvent e) {
            id = e.transferId();
        } else if (payload instanceof HoldReleasedEvent e) {
            id = e.transferId();
        } else if (payload instanceof HoldCapturedEvent e) {
            id = e.transferId();
        } else if (payload instanceof TransferDebitedEvent e) {
            id = e.transferId();
        } else if (payload instanceof TransferCreditedEvent e) {
            id = e.transferId();
        } else if (payload instanceof TransferCreditRejectedEvent e) {
            id = e.transferId();
        }
        return Optional.ofNullable(id);
    }

    /**
     * Checks the generated order is what it claims: every event delivered at least twice, first deliveries in
     * store order within each sequence, and actually shuffled across sequences.
     *
     * @return a one-line summary
     */
    private String checkDeliveryOrder(String group, List<DomainEventMessage<?>> store,
                                      List<DomainEventMessage<?>> order, Map<DomainEventMessage<?>, Redelivery> kinds) {
        Map<DomainEventMessage<?>, Integer> storeIndex = new IdentityHashMap<>();
        for (int i = 0; i < store.size(); i++) {
            storeIndex.put(store.get(i), i);
        }
        Map<DomainEventMessage<?>, Integer> count = new IdentityHashMap<>();
        List<DomainEventMessage<?>> firsts = new ArrayList<>();
        for (DomainEventMessage<?> event : order) {
            if (count.merge(event, 1, Integer::sum) == 1) {
                firsts.add(event);
            }
        }
        assertThat(firsts).as("%s: every event delivered", group).hasSameSizeAs(store);
        assertThat(count.values()).as("%s: every event delivered at least twice", group).allMatch(c -> c >= 2);
        Map<Object, Integer> lastOfSequence = new HashMap<>();
        int crossInversions = 0;
        for (int i = 0; i < firsts.size(); i++) {
            DomainEventMessage<?> event = firsts.get(i);
            Integer previous = lastOfSequence.put(sequenceOf(group, event), storeIndex.get(event));
            assertThat(previous == null || previous < storeIndex.get(event))
                    .as("%s: the first deliveries of a sequence keep store order", group).isTrue();
            for (int j = 0; j < i; j++) {
                if (storeIndex.get(firsts.get(j)) > storeIndex.get(event)) {
                    crossInversions++;
                }
            }
        }
        assertThat(crossInversions).as("%s: the order is shuffled", group).isPositive();
        Map<Redelivery, Integer> byKind = new EnumMap<>(Redelivery.class);
        kinds.values().forEach(kind -> byKind.merge(kind, 1, Integer::sum));
        return order.size() + " deliveries, " + crossInversions + " inversions, " + byKind;
    }

    // --- the reference --------------------------------------------------------------------------------------

    private static void assertCoversEveryPath(GeneratedHistory history) {
        assertThat(history.expectedTransfers()).extracting(ExpectedTransfer::path)
                                               .containsAll(List.of(Path.values()));
    }

    /** The in-order run against the history's own model, so the comparison's reference is itself right. */
    private void assertMatchesModel(GeneratedHistory history, Map<String, AccountView> before,
                                    Map<String, AccountView> after) {
        SoftAssertions softly = new SoftAssertions();
        for (ExpectedAccount expected : history.expectedAccounts()) {
            AccountView view = account(expected.accountId()).orElse(null);
            softly.assertThat(view).as(expected.accountId()).isNotNull();
            if (view == null) {
                continue;
            }
            softly.assertThat(List.<Object>of(view.kind(), view.currency(), view.balance().longValueExact(),
                                              view.held(), view.overdraftLimit(), view.status(), view.version()))
                  .as(expected.accountId())
                  .isEqualTo(List.<Object>of("CUSTOMER", history.currency(), expected.balance(), expected.held(),
                                             expected.overdraftLimit(), expected.status(), expected.version()));
            softly.assertThat(view.owner()).as("owner of %s", expected.accountId()).isEqualTo(expected.owner());
            StatementPage statement = statementHead(expected.accountId());
            softly.assertThat(statement.appliedSequence()).as("statement head of %s", expected.accountId())
                  .isEqualTo(expected.version());
            List<StatementEntryView> entries = fullStatement(expected.accountId());
            softly.assertThat(entries).as("statement of %s", expected.accountId()).hasSize(expected.postings());
            if (!entries.isEmpty()) {
                softly.assertThat(entries.get(0).balanceAfter()).as("newest balance of %s", expected.accountId())
                      .isEqualTo(expected.balance());
            }
            // every event of the history names its principal, so every line says who caused it
            softly.assertThat(entries).extracting(StatementEntryView::initiatedBy)
                  .as("initiators in the statement of %s", expected.accountId()).doesNotContainNull();
        }
        for (ExpectedTransfer expected : history.expectedTransfers()) {
            TransferView view = transfer(expected.transferId()).orElse(null);
            softly.assertThat(view).as(expected.transferId()).isNotNull();
            if (view == null) {
                continue;
            }
            softly.assertThat(view.status()).as("%s (%s)", expected.transferId(), expected.path())
                  .isEqualTo(expected.status());
            softly.assertThat(view.steps()).extracting(TransferStepView::status)
                  .as("timeline of %s (%s)", expected.transferId(), expected.path())
                  .containsExactlyElementsOf(expected.steps());
            softly.assertThat(view.screening().decision()).as("screening of %s", expected.transferId())
                  .isEqualTo(expected.screeningDecision());
            softly.assertThat(view.version()).as("version of %s", expected.transferId())
                  .isEqualTo(expected.version());
            softly.assertThat(view.requestedBy()).as("requester of %s", expected.transferId())
                  .isEqualTo(expected.requestedBy());
        }
        softly.assertThat(balance(after, history.transitAccount()) - balance(before, history.transitAccount()))
              .as("transit nets to zero once every transfer settled").isZero();
        softly.assertThat(balance(after, history.worldAccount()) - balance(before, history.worldAccount()))
              .as("world moved by minus the customers' balances").isEqualTo(history.expectedWorldDelta());
        softly.assertAll();
    }

    /** The history with the namespace stripped: streams, sequences, timestamps, payloads. */
    private List<String> shape(GeneratedHistory history) {
        return history.events().stream()
                      .map(e -> strip(e.getAggregateIdentifier(), history) + "#" + e.getSequenceNumber() + "@"
                              + e.getTimestamp() + " " + strip(e.getPayload().toString(), history))
                      .toList();
    }

    private static String strip(String text, GeneratedHistory history) {
        return text.replace(history.namespace(), "");
    }

    // --- read models ------------------------------------------------------------------------------------------

    /**
     * Everything the three read models answer about a run's accounts and transfers, as JSON with the run's
     * namespace stripped from every string, keyed by stripped id.
     */
    private Map<String, JsonNode> readModels(GeneratedHistory history) {
        Map<String, JsonNode> views = new TreeMap<>();
        List<AccountView> ofRun = accountsOfCurrency(history.currency()).stream()
                                                      .filter(v -> v.accountId().startsWith(history.namespace()))
                                                      .toList();
        views.put("account ids", normalized(ofRun.stream().map(AccountView::accountId).toList(), history));
        for (AccountView view : ofRun) {
            views.put("account " + strip(view.accountId(), history), normalized(view, history));
        }
        for (ExpectedAccount account : history.expectedAccounts()) {
            StatementPage head = statementHead(account.accountId());
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("known", head.known());
            statement.put("appliedSequence", head.appliedSequence());
            statement.put("entries", fullStatement(account.accountId()));
            views.put("statement " + strip(account.accountId(), history), normalized(statement, history));
        }
        for (ExpectedTransfer expected : history.expectedTransfers()) {
            views.put("transfer " + strip(expected.transferId(), history),
                      normalized(transfer(expected.transferId()).orElse(null), history));
        }
        return views;
    }

    private JsonNode normalized(Object value, GeneratedHistory history) {
        return stripped(json.valueToTree(value), history.namespace());
    }

    private static JsonNode stripped(JsonNode node, String namespace) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.textValue().replace(namespace, ""));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey().replace(namespace, ""),
                                                         stripped(f.getValue(), namespace)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(stripped(element, namespace)));
            return copy;
        }
        return node;
    }

    private Map<String, AccountView> systemRows(GeneratedHistory history) {
        Map<String, AccountView> rows = new HashMap<>();
        for (String id : List.of(history.worldAccount(), history.transitAccount())) {
            account(id).ifPresent(view -> rows.put(id, view));
        }
        return rows;
    }

    private static long balance(Map<String, AccountView> rows, String accountId) {
        AccountView view = rows.get(accountId);
        return view == null ? 0 : view.balance().longValueExact();
    }

    private static List<Object> withoutBalance(AccountView view) {
        return view == null ? null : Arrays.asList(view.accountId(), view.kind(), view.currency(),
                                                             view.held(), view.overdraftLimit(), view.status(),
                                                             view.ownerRef(), view.owner(), view.version(),
                                                             view.updatedAt());
    }

    private long sumOfCurrency(String currency) {
        Long sum = jdbc.queryForObject("SELECT COALESCE(SUM(balance), 0) FROM ledger_query.account_summary "
                                               + "WHERE currency = ?", Long.class, currency);
        return Objects.requireNonNull(sum);
    }

    private List<AccountView> accountsOfCurrency(String currency) {
        List<AccountView> all = new ArrayList<>();
        String after = null;
        do {
            AccountPage page = queries.query(new ListAccountsQuery(currency, after, PAGE, null),
                                             ResponseTypes.instanceOf(AccountPage.class)).join();
            all.addAll(page.items());
            after = page.nextCursor();
        } while (after != null);
        return all;
    }

    private StatementPage statementHead(String accountId) {
        return queries.query(new FindStatementQuery(accountId, null, 1, null),
                             ResponseTypes.instanceOf(StatementPage.class))
                      .join();
    }

    /** Every entry, newest first. */
    private List<StatementEntryView> fullStatement(String accountId) {
        List<StatementEntryView> entries = new ArrayList<>();
        Long before = null;
        do {
            StatementPage page = queries.query(new FindStatementQuery(accountId, before, PAGE, null),
                                               ResponseTypes.instanceOf(StatementPage.class)).join();
            entries.addAll(page.items());
            before = page.nextCursor() == null ? null : Long.parseLong(page.nextCursor());
        } while (before != null);
        return entries;
    }

    private Optional<TransferView> transfer(String transferId) {
        return queries.query(new FindTransferQuery(transferId, null),
                             ResponseTypes.optionalInstanceOf(TransferView.class))
                      .join();
    }

    private Optional<AccountView> account(String accountId) {
        return queries.query(new FindAccountQuery(accountId, null), ResponseTypes.optionalInstanceOf(AccountView.class))
                      .join();
    }
}
