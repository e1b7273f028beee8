package dev.ledger.query.access;

import static dev.ledger.query.support.Callers.as;
import static dev.ledger.query.support.Callers.holder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.platform.security.LedgerRole;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A holder sees its own accounts and the transfers it is a party to, and nothing else; another owner's id is
 * answered exactly as an id nobody ever used, on every path (plain, with a consistency token and a wait, lists),
 * so a holder cannot even learn that it exists. Compliance and auditors see everything, system accounts included.
 * <p>
 * Each test has three holders of its own, A, B and C, each owning one account in {@value #CURRENCY} (A a second
 * one too); A and B are funded by the treasury, A pays B (a transfer A requested), B pays C, and A moves money
 * between its own two accounts.
 * <p>
 * One file over 300 lines because its cases share one published ledger of three owners: each case reads that
 * ledger from another side, and the ledger is the larger part of the file.
 */
class OwnershipIntegrationTest extends QuerySideIntegrationTest {

    /** No other test uses it, so the lists of this currency hold this class's accounts only. */
    private static final String CURRENCY = "ILS";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String WAIT = "10000";

    @Autowired
    private MockMvc http;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ObjectMapper json;

    private Ledger ledger;

    @BeforeEach
    void publishTheLedger() throws Exception {
        ledger = new Ledger();
        eventStore.publish(ledger.events.all());
        for (String account : List.of(ledger.a, ledger.a2, ledger.b, ledger.c)) {
            String token = account + "@" + ledger.events.versionOf(account);
            http.perform(get("/accounts/{id}", account).param("after", token).param("wait", WAIT))
                .andExpect(jsonPath("$.processing").value(false));
            http.perform(get("/accounts/{id}/entries", account).param("after", token).param("wait", WAIT))
                .andExpect(jsonPath("$.processing").value(false));
        }
        for (String transfer : List.of(ledger.ab, ledger.bc, ledger.aa)) {
            http.perform(get("/transfers/{id}", transfer)
                                 .param("after", transfer + "@" + ledger.events.versionOf(transfer))
                                 .param("wait", WAIT))
                .andExpect(jsonPath("$.processing").value(false));
        }
    }

    @Test
    void shouldShowAHolderItsOwnAccountWithItsOwnerAndTheInitiatorOfEachLine() throws Exception {
        http.perform(get("/accounts/{id}", ledger.a).with(holder(ledger.holderA)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.accountId").value(ledger.a))
            .andExpect(jsonPath("$.owner").value(ledger.holderA))
            .andExpect(jsonPath("$.balance").value(6_500));
        http.perform(get("/accounts/{id}/entries", ledger.a).with(holder(ledger.holderA)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].direction").value(contains("DEBIT", "DEBIT", "CREDIT")))
            .andExpect(jsonPath("$.items[*].initiatedBy")
                               .value(contains(ledger.holderA, ledger.holderA, ledger.treasury)));
        // B's statement shows who paid it: the credit was A's request
        http.perform(get("/accounts/{id}/entries", ledger.b).with(holder(ledger.holderB)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].transferId").value(contains(ledger.bc, ledger.ab, null)))
            .andExpect(jsonPath("$.items[*].initiatedBy")
                               .value(contains(ledger.holderB, ledger.holderA, ledger.treasury)));
    }

    @Test
    void shouldAnswerAnotherOwnersAccountExactlyAsAnUnknownOne() throws Exception {
        RequestPostProcessor a = holder(ledger.holderA);
        String nobody = "nobody-" + ledger.suffix;
        long version = ledger.events.versionOf(ledger.b);

        assertSameAnswer(get("/accounts/{id}", ledger.b).with(a), ledger.b,
                         get("/accounts/{id}", nobody).with(a), nobody, 404);
        assertSameAnswer(get("/accounts/{id}/entries", ledger.b).with(a), ledger.b,
                         get("/accounts/{id}/entries", nobody).with(a), nobody, 404);
        // with a consistency token the answer is "processing" for both, forever: never a hint that B's exists
        assertSameAnswer(get("/accounts/{id}", ledger.b).param("after", ledger.b + "@" + version).param("wait", "50")
                                 .with(a), ledger.b,
                         get("/accounts/{id}", nobody).param("after", nobody + "@" + version).param("wait", "50")
                                 .with(a), nobody, 200);
        assertSameAnswer(get("/accounts/{id}/entries", ledger.b).param("after", ledger.b + "@" + version)
                                 .param("wait", "50").with(a), ledger.b,
                         get("/accounts/{id}/entries", nobody).param("after", nobody + "@" + version)
                                 .param("wait", "50").with(a), nobody, 200);
        assertSameAnswer(get("/accounts").param("after", ledger.b + "@" + version).param("wait", "50").with(a),
                         ledger.b,
                         get("/accounts").param("after", nobody + "@" + version).param("wait", "50").with(a),
                         nobody, 200);
        // the system accounts belong to nobody: a holder does not see them either
        String world = LedgerIds.systemAccountOf(CURRENCY);
        assertSameAnswer(get("/accounts/{id}", world).with(a), world,
                         get("/accounts/{id}", nobody).with(a), nobody, 404);
    }

    @Test
    void shouldListOnlyAHoldersOwnAccounts() throws Exception {
        http.perform(get("/accounts").param("currency", CURRENCY).with(holder(ledger.holderA)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].accountId").value(contains(ledger.a, ledger.a2)))
            .andExpect(jsonPath("$.nextCursor").isEmpty());
        http.perform(get("/accounts").param("limit", "1").with(holder(ledger.holderA)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].accountId").value(contains(ledger.a)))
            .andExpect(jsonPath("$.nextCursor").value(ledger.a));
        http.perform(get("/accounts").param("limit", "1").param("cursor", ledger.a).with(holder(ledger.holderA)))
            .andExpect(jsonPath("$.items[*].accountId").value(contains(ledger.a2)))
            .andExpect(jsonPath("$.nextCursor").isEmpty());
        http.perform(get("/accounts").param("limit", "1").with(holder(ledger.holderB)))
            .andExpect(jsonPath("$.items[*].accountId").value(contains(ledger.b)));
        http.perform(get("/accounts").with(holder("has-nothing-" + ledger.suffix)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    void shouldShowATransferToBothItsPartiesAndAsUnknownToEveryoneElse() throws Exception {
        for (String party : List.of(ledger.holderA, ledger.holderB)) {
            http.perform(get("/transfers/{id}", ledger.ab).with(holder(party)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.transferId").value(ledger.ab))
                .andExpect(jsonPath("$.requestedBy").value(ledger.holderA))
                .andExpect(jsonPath("$.status").value("COMPLETED"));
        }
        RequestPostProcessor a = holder(ledger.holderA);
        String nobody = "tr-nobody-" + ledger.suffix;
        long version = ledger.events.versionOf(ledger.bc);
        assertSameAnswer(get("/transfers/{id}", ledger.bc).with(a), ledger.bc,
                         get("/transfers/{id}", nobody).with(a), nobody, 404);
        assertSameAnswer(get("/transfers/{id}", ledger.bc).param("after", ledger.bc + "@" + version)
                                 .param("wait", "50").with(a), ledger.bc,
                         get("/transfers/{id}", nobody).param("after", nobody + "@" + version).param("wait", "50")
                                 .with(a), nobody, 200);
        assertSameAnswer(get("/transfers").param("after", ledger.bc + "@" + version).param("wait", "50").with(a),
                         ledger.bc,
                         get("/transfers").param("after", nobody + "@" + version).param("wait", "50").with(a),
                         nobody, 200);

        // newest first, each once: the transfer between A's own accounts is on both sides of A's list
        http.perform(get("/transfers").with(a))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].transferId").value(contains(ledger.aa, ledger.ab)));
        String cursor = json.readTree(http.perform(get("/transfers").param("limit", "1").with(a))
                                          .andExpect(jsonPath("$.items[*].transferId").value(contains(ledger.aa)))
                                          .andReturn().getResponse().getContentAsString())
                            .get("nextCursor").asText();
        http.perform(get("/transfers").param("limit", "1").param("cursor", cursor).with(a))
            .andExpect(jsonPath("$.items[*].transferId").value(contains(ledger.ab)))
            .andExpect(jsonPath("$.nextCursor").isEmpty());
        // B is a party to both; C only to the one it received
        http.perform(get("/transfers").with(holder(ledger.holderB)))
            .andExpect(jsonPath("$.items[*].transferId").value(contains(ledger.bc, ledger.ab)));
        http.perform(get("/transfers").param("limit", "1").with(holder(ledger.holderB)))
            .andExpect(jsonPath("$.items[*].transferId").value(contains(ledger.bc)))
            .andExpect(jsonPath("$.nextCursor").isString());
        http.perform(get("/transfers").with(holder(ledger.holderC)))
            .andExpect(jsonPath("$.items[*].transferId").value(contains(ledger.bc)));
        // naming another's account narrows A's list; it never widens it
        http.perform(get("/transfers").param("accountId", ledger.c).with(a))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items").isEmpty());
    }

    /** Found by a security review: parties saw the screening rules' inputs, among them the payee's deny-list hit. */
    @Test
    void shouldShowAPartyTheScreeningDecisionButNotItsInputsNorTheCounterpartysRefusal() throws Exception {
        String denied = "tr-denied-" + ledger.suffix;
        String refused = "tr-refused-" + ledger.suffix;
        DomainEvents more = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-more-" + ledger.suffix);
        more.as(ledger.holderA);
        more.transfer(denied, new TransferRequestedEvent(denied, ledger.a, ledger.b, new Money(5, CURRENCY), null,
                                                         ledger.holderA, ledger.holderA, ledger.holderB));
        more.transfer(denied, new TransferScreenedEvent(denied, ScreeningDecision.DENIED, List.of(
                new dev.ledger.api.transfer.ScreeningRuleHit("deny-list", ScreeningDecision.DENIED,
                                                             java.util.Map.of("party", "destination",
                                                                              "ownerRef", "sanctioned-demo")))));
        more.transfer(denied, new dev.ledger.api.transfer.TransferRejectedEvent(
                denied, dev.ledger.api.RejectionReason.SCREENING_DENIED, "screening: deny-list"));
        more.transfer(refused, new TransferRequestedEvent(refused, ledger.a, ledger.b, new Money(5, CURRENCY), null,
                                                          ledger.holderA, ledger.holderA, ledger.holderB));
        more.transfer(refused, new TransferScreenedEvent(refused, ScreeningDecision.PASSED, List.of()));
        more.transfer(refused, new dev.ledger.api.transfer.TransferRejectedEvent(
                refused, dev.ledger.api.RejectionReason.ACCOUNT_FROZEN, "destination " + ledger.b + " refused"));
        eventStore.publish(more.all());
        for (String id : List.of(denied, refused)) {
            http.perform(get("/transfers/{id}", id).param("after", id + "@" + more.versionOf(id)).param("wait", WAIT))
                .andExpect(jsonPath("$.processing").value(false));
        }

        RequestPostProcessor payer = holder(ledger.holderA);
        http.perform(get("/transfers/{id}", denied).with(payer))
            .andExpect(jsonPath("$.screening.decision").value("DENIED"))
            .andExpect(jsonPath("$.screening.hits").isEmpty())
            .andExpect(jsonPath("$.steps[*].reason").value(org.hamcrest.Matchers.hasItem("SCREENING_DENIED")));
        http.perform(get("/transfers/{id}", denied).with(as("officer", LedgerRole.COMPLIANCE)))
            .andExpect(jsonPath("$.screening.hits[0].inputs.ownerRef").value("sanctioned-demo"));
        http.perform(get("/transfers/{id}", refused).with(payer))
            .andExpect(jsonPath("$.steps[*].reason").value(org.hamcrest.Matchers.hasItem("COUNTERPARTY_REFUSED")))
            .andExpect(jsonPath("$.steps[*].reason").value(org.hamcrest.Matchers.not(
                    org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("ACCOUNT_FROZEN")))));
        http.perform(get("/transfers/{id}", refused).with(holder(ledger.holderB)))
            .andExpect(jsonPath("$.steps[*].reason").value(org.hamcrest.Matchers.hasItem("ACCOUNT_FROZEN")));
    }

    @Test
    void shouldShowComplianceAndAuditorsEveryAccountAndTransfer() throws Exception {
        for (LedgerRole role : List.of(LedgerRole.COMPLIANCE, LedgerRole.AUDITOR)) {
            RequestPostProcessor caller = as(role.name().toLowerCase() + "-" + ledger.suffix, role);
            for (String account : List.of(ledger.a, ledger.b, ledger.c, LedgerIds.systemAccountOf(CURRENCY))) {
                http.perform(get("/accounts/{id}", account).with(caller))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.accountId").value(account));
            }
            http.perform(get("/accounts/{id}/entries", ledger.c).with(caller))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].initiatedBy").value(contains(ledger.holderB)));
            http.perform(get("/accounts").param("currency", CURRENCY).param("limit", "200").with(caller))
                .andExpect(jsonPath("$.items[*].accountId")
                                   .value(hasItems(ledger.a, ledger.b, ledger.c,
                                                   LedgerIds.transitAccountOf(CURRENCY))));
            for (String transfer : List.of(ledger.ab, ledger.bc)) {
                http.perform(get("/transfers/{id}", transfer).with(caller))
                    .andExpect(status().isOk());
            }
            http.perform(get("/transfers").param("accountId", ledger.b).with(caller))
                .andExpect(jsonPath("$.items[*].transferId").value(contains(ledger.bc, ledger.ab)));
        }
    }

    /**
     * The two requests are answered alike: same status and content type, and the same body once each answer's own
     * id is replaced by a placeholder. Retried for a while in case a processor moves the reported position
     * between the two reads (the bodies carry it).
     */
    private void assertSameAnswer(MockHttpServletRequestBuilder hidden, String hiddenId,
                                  MockHttpServletRequestBuilder unknown, String unknownId, int expectedStatus) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            MvcResult one = http.perform(hidden).andReturn();
            MvcResult other = http.perform(unknown).andReturn();
            assertThat(one.getResponse().getStatus()).isEqualTo(expectedStatus);
            assertThat(describe(one, hiddenId)).isEqualTo(describe(other, unknownId));
        });
    }

    private static String describe(MvcResult result, String id) throws Exception {
        return result.getResponse().getStatus() + " " + result.getResponse().getContentType() + " "
                + result.getResponse().getContentAsString().replace(id, "<id>");
    }

    /** The three holders' accounts and transfers, built as the command side appends them. */
    private static final class Ledger {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String holderA = "holder-a-" + suffix;
        final String holderB = "holder-b-" + suffix;
        final String holderC = "holder-c-" + suffix;
        final String treasury = "treasury-" + suffix;
        final String a = "own-a-" + suffix;
        final String a2 = a + "-2";
        final String b = "own-b-" + suffix;
        final String c = "own-c-" + suffix;
        final String ab = "tr-ab-" + suffix;
        final String bc = "tr-bc-" + suffix;
        final String aa = "tr-aa-" + suffix;
        final DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-" + suffix);

        Ledger() {
            String world = LedgerIds.systemAccountOf(CURRENCY);
            events.as(holderA).account(a, new AccountOpenedEvent(a, CURRENCY, 0, null, holderA));
            events.as(holderB).account(b, new AccountOpenedEvent(b, CURRENCY, 0, null, holderB));
            events.as(holderC).account(c, new AccountOpenedEvent(c, CURRENCY, 0, null, holderC));
            events.as(holderA).account(a2, new AccountOpenedEvent(a2, CURRENCY, 0, null, holderA));
            events.as(treasury).account(a, new MoneyDepositedEvent(a, "dep-a-" + suffix, money(10_000), 10_000,
                                                                   world));
            events.account(b, new MoneyDepositedEvent(b, "dep-b-" + suffix, money(5_000), 5_000, world));
            transfer(ab, holderA, a, holderA, b, holderB, 3_000, 7_000, 8_000);
            transfer(bc, holderB, b, holderB, c, holderC, 1_000, 7_000, 1_000);
            transfer(aa, holderA, a, holderA, a2, holderA, 500, 6_500, 500);
        }

        /** One commit, as the command side books a transfer that passes screening. */
        private void transfer(String id, String requester, String source, String sourceOwner, String destination,
                              String destinationOwner, long amount, long sourceAfter, long destinationAfter) {
            String transit = LedgerIds.transitAccountOf(CURRENCY);
            events.as(requester);
            events.transfer(id, new TransferRequestedEvent(id, source, destination, money(amount), "rent",
                                                           requester, sourceOwner, destinationOwner));
            events.transfer(id, new TransferScreenedEvent(id, ScreeningDecision.PASSED, List.of()));
            events.account(source, new TransferDebitedEvent(source, id, id + ":debit", money(amount), sourceAfter,
                                                            transit));
            events.account(destination, new TransferCreditedEvent(destination, id, id + ":credit", money(amount),
                                                                  destinationAfter, transit));
            events.transfer(id, new TransferCompletedEvent(id, source, destination, money(amount)));
        }

        private static Money money(long amount) {
            return new Money(amount, CURRENCY);
        }
    }
}
