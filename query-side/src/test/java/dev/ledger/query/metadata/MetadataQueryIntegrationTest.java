package dev.ledger.query.metadata;

import static dev.ledger.query.support.Callers.holder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Labels through the read models: shown on the accounts and transfers they were given to, and filtering both lists
 * (alone, together, with the other filters and the cursor) only ever within what the caller may see. Every test
 * labels its rows with values of its own, so the filters isolate them in the shared database.
 * <p>
 * One file over 300 lines: both spellings of the label filter ({@code metadata.<key>=} and the repeatable {@code metadata=}) run
 * through the same seeding and page-reading helpers; split by spelling, those helpers would be copied.
 */
class MetadataQueryIntegrationTest extends QuerySideIntegrationTest {

    /** Quotes, a backslash, JSON and SQL syntax, non-Latin letters and an emoji: data, whatever they look like. */
    private static final String AWKWARD_TEXT = "say \"hi\" \\ {\"x\":1}' OR '1'='1 -- ünïcödé 日本 😀 ";

    @Autowired
    private MockMvc http;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ObjectMapper json;

    private String suffix;
    private String awkward;
    private String holderA;
    private String holderB;
    private String a;
    private String b;
    private String c;
    private String ab;
    private String ac;
    private String ca;
    private String bare;

    /**
     * A (holder A, gold), B (holder B, silver) and C (holder A, no labels), all of customer c-suffix but C; transfers
     * A→B (order o1, the awkward note), A→C (order o2), C→A (order o1 too: the same order paid back) and B→A without
     * labels.
     */
    @BeforeEach
    void publish() throws Exception {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        awkward = AWKWARD_TEXT + suffix;
        holderA = "md-holder-a-" + suffix;
        holderB = "md-holder-b-" + suffix;
        a = "md-a-" + suffix;
        b = "md-b-" + suffix;
        c = "md-c-" + suffix;
        ab = "md-ab-" + suffix;
        ac = "md-ac-" + suffix;
        ca = "md-ca-" + suffix;
        bare = "md-ba-" + suffix;
        DomainEvents events = new DomainEvents(Instant.now(), "corr-md-" + suffix);
        events.account(a, new AccountOpenedEvent(a, "EUR", 0, null, holderA,
                                                 Map.of("customerId", "c-" + suffix, "tier", "gold")));
        events.account(b, new AccountOpenedEvent(b, "EUR", 0, null, holderB,
                                                 Map.of("customerId", "c-" + suffix, "tier", "silver")));
        events.account(c, new AccountOpenedEvent(c, "EUR", 0, null, holderA));
        request(events, ab, a, b, holderA, holderB, Map.of("orderId", "o1-" + suffix, "note", awkward));
        request(events, ac, a, c, holderA, holderA, Map.of("orderId", "o2-" + suffix));
        request(events, ca, c, a, holderA, holderA, Map.of("orderId", "o1-" + suffix));
        request(events, bare, b, a, holderB, holderA, Map.of());
        eventStore.publish(events.all());
        for (String transfer : List.of(ab, ac, ca, bare)) {
            http.perform(get("/transfers/{id}", transfer).param("after", transfer + "@1").param("wait", "10000"))
                .andExpect(jsonPath("$.processing").value(false));
        }
        for (String account : List.of(a, b, c)) {
            http.perform(get("/accounts/{id}", account).param("after", account + "@0").param("wait", "10000"))
                .andExpect(jsonPath("$.processing").value(false));
        }
    }

    @Test
    void shouldShowTheLabelsOfAnAccountAndATransferExactlyAsGiven() throws Exception {
        http.perform(get("/accounts/{id}", a))
            .andExpect(jsonPath("$.metadata.customerId").value("c-" + suffix))
            .andExpect(jsonPath("$.metadata.tier").value("gold"));
        http.perform(get("/accounts/{id}", c)).andExpect(jsonPath("$.metadata").isMap())
            .andExpect(jsonPath("$.metadata").isEmpty());
        http.perform(get("/transfers/{id}", ab))
            .andExpect(jsonPath("$.metadata.orderId").value("o1-" + suffix))
            .andExpect(jsonPath("$.metadata.note").value(awkward));
        // a party sees them too, as it sees the reference
        http.perform(get("/transfers/{id}", ab).with(holder(holderB)))
            .andExpect(jsonPath("$.metadata.note").value(awkward));
        http.perform(get("/transfers/{id}", bare)).andExpect(jsonPath("$.metadata").isEmpty());
    }

    @Test
    void shouldListTheAccountsCarryingAllTheWantedLabels() throws Exception {
        assertThat(accountIds(get("/accounts").param("metadata.customerId", "c-" + suffix))).containsExactly(a, b);
        assertThat(accountIds(get("/accounts").param("metadata.customerId", "c-" + suffix)
                                              .param("metadata.tier", "silver"))).containsExactly(b);
        assertThat(accountIds(get("/accounts").param("metadata.customerId", "c-" + suffix)
                                              .param("currency", "EUR"))).containsExactly(a, b);
        assertThat(accountIds(get("/accounts").param("metadata.customerId", "c-" + suffix)
                                              .param("currency", "USD"))).isEmpty();
        // a key nobody uses, a value nobody has, and one that only looks like syntax
        assertThat(accountIds(get("/accounts").param("metadata.nobody-uses-" + suffix, "x"))).isEmpty();
        assertThat(accountIds(get("/accounts").param("metadata.customerId", "c-" + suffix + "-other"))).isEmpty();
        assertThat(accountIds(get("/accounts").param("metadata.customerId", "c-" + suffix + "' OR '1'='1")))
                .isEmpty();
    }

    @Test
    void shouldPageAFilteredAccountListWithItsCursor() throws Exception {
        JsonNode first = read(get("/accounts").param("metadata.customerId", "c-" + suffix).param("limit", "1"));
        assertThat(first.path("items").get(0).path("accountId").asText()).isEqualTo(a);
        String cursor = first.path("nextCursor").asText();

        JsonNode second = read(get("/accounts").param("metadata.customerId", "c-" + suffix).param("limit", "1")
                                               .param("cursor", cursor));

        assertThat(second.path("items").get(0).path("accountId").asText()).isEqualTo(b);
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void shouldFilterAHoldersAccountsWithinItsOwnOnly() throws Exception {
        assertThat(accountIds(get("/accounts").param("metadata.customerId", "c-" + suffix).with(holder(holderB))))
                .containsExactly(b);
        assertThat(accountIds(get("/accounts").param("metadata.tier", "gold").with(holder(holderB)))).isEmpty();
        assertThat(accountIds(get("/accounts").param("metadata.tier", "gold").with(holder(holderA))))
                .containsExactly(a);
    }

    @Test
    void shouldListTheTransfersCarryingAllTheWantedLabelsNewestFirst() throws Exception {
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o1-" + suffix))).containsExactly(ca, ab);
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o1-" + suffix)
                                                .param("metadata.note", awkward))).containsExactly(ab);
        assertThat(transferIds(get("/transfers").param("metadata.note", awkward))).containsExactly(ab);
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o1-" + suffix)
                                                .param("accountId", b))).containsExactly(ab);
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o1-" + suffix)
                                                .param("status", "COMPLETED"))).isEmpty();
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o1-" + suffix)
                                                .param("status", "SCREENING"))).containsExactly(ca, ab);
        assertThat(transferIds(get("/transfers").param("metadata.note", awkward.substring(1)))).isEmpty();
        assertThat(transferIds(get("/transfers").param("metadata.nobody-uses-" + suffix, "o1-" + suffix))).isEmpty();
    }

    @Test
    void shouldPageAFilteredTransferListWithItsCursor() throws Exception {
        JsonNode first = read(get("/transfers").param("metadata.orderId", "o1-" + suffix).param("limit", "1"));
        assertThat(first.path("items").get(0).path("transferId").asText()).isEqualTo(ca);

        JsonNode second = read(get("/transfers").param("metadata.orderId", "o1-" + suffix).param("limit", "1")
                                                .param("cursor", first.path("nextCursor").asText()));

        assertThat(second.path("items").get(0).path("transferId").asText()).isEqualTo(ab);
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void shouldFilterAHoldersTransfersWithinThoseItIsAPartyTo() throws Exception {
        // B is a party to A→B only; A→C and C→A are A's alone
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o1-" + suffix).with(holder(holderB))))
                .containsExactly(ab);
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o2-" + suffix).with(holder(holderB))))
                .isEmpty();
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o1-" + suffix).with(holder(holderA))))
                .containsExactly(ca, ab);
        assertThat(transferIds(get("/transfers").param("metadata.orderId", "o1-" + suffix).with(holder("nobody"))))
                .isEmpty();
    }

    @Test
    void shouldKeepTheLabelsThroughARebuildOfBothReadModels() throws Exception {
        for (String processor : List.of(ProcessingGroups.ACCOUNT_SUMMARY, ProcessingGroups.TRANSFERS)) {
            http.perform(post("/admin/processors/{name}/replay", processor)).andExpect(status().isAccepted());
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String processor : List.of(ProcessingGroups.ACCOUNT_SUMMARY, ProcessingGroups.TRANSFERS)) {
                JsonNode status = read(get("/admin/processors/{name}", processor), false);
                assertThat(status.get("replaying").asBoolean()).as(processor).isFalse();
                assertThat(status.get("lagEvents").asLong()).as(processor).isZero();
            }
            assertThat(accountIds(get("/accounts").param("metadata.customerId", "c-" + suffix)))
                    .containsExactly(a, b);
            assertThat(transferIds(get("/transfers").param("metadata.note", awkward))).containsExactly(ab);
        });
        http.perform(get("/transfers/{id}", ab)).andExpect(jsonPath("$.metadata.note").value(awkward));
    }

    /**
     * The spelling the API description declares, as a client generated from it sends it: one {@code metadata}
     * parameter per filter, its value URL-encoded whole ({@code =} and all), the awkward value included.
     */
    @Test
    void shouldFilterByTheRepeatableMetadataParameterAsByTheNamedOnes() throws Exception {
        assertThat(accountIds(get(uri("/accounts", "customerId=c-" + suffix)))).containsExactly(a, b);
        assertThat(accountIds(get(uri("/accounts", "customerId=c-" + suffix, "tier=silver")))).containsExactly(b);
        assertThat(transferIds(get(uri("/transfers", "orderId=o1-" + suffix)))).containsExactly(ca, ab);
        assertThat(transferIds(get(uri("/transfers", "note=" + awkward)))).containsExactly(ab);
        // both spellings together: all filters must match
        assertThat(transferIds(get(uri("/transfers", "orderId=o1-" + suffix)).param("metadata.note", awkward)))
                .containsExactly(ab);
        // the value holds everything after the first '='
        assertThat(transferIds(get(uri("/transfers", "orderId=o1-" + suffix + "=")))).isEmpty();
    }

    @Test
    void shouldRefuseARepeatableMetadataFilterThatIsNoLabel() throws Exception {
        List<MockHttpServletRequestBuilder> refused = List.of(
                get(uri("/accounts", "customerId")),
                get(uri("/accounts", "=c-" + suffix)),
                get(uri("/accounts", "bad key=v")),
                get(uri("/transfers", "orderId=o1-" + suffix, "orderId=o2-" + suffix)),
                get(uri("/transfers", "orderId=o1-" + suffix)).param("metadata.orderId", "o1-" + suffix));
        for (MockHttpServletRequestBuilder request : refused) {
            http.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://ledger.dev/problems/metadata-invalid"));
        }
    }

    /** {@code path?metadata=<filter>&...}, each filter encoded as a generated client's ApiClient.urlEncode does. */
    private static URI uri(String path, String... filters) {
        return URI.create(path + "?" + java.util.Arrays.stream(filters)
                .map(filter -> "metadata=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(java.util.stream.Collectors.joining("&")));
    }

    @Test
    void shouldRefuseAFilterOutsideTheBounds() throws Exception {
        MockHttpServletRequestBuilder seventeen = get("/transfers");
        for (int i = 0; i < 17; i++) {
            seventeen.param("metadata.k" + i, "v");
        }
        List<MockHttpServletRequestBuilder> refused = List.of(
                get("/accounts").param("metadata.bad key", "v"),
                get("/accounts").param("metadata.", "v"),
                get("/accounts").param("metadata." + "k".repeat(65), "v"),
                get("/accounts").param("metadata.k", "x".repeat(257)),
                get("/accounts").param("metadata.k", "line\nbreak"),
                get("/transfers").param("metadata.k", "a\u0000b"),
                get("/transfers").param("metadata.k", "1", "2"),
                seventeen);
        for (MockHttpServletRequestBuilder request : refused) {
            http.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://ledger.dev/problems/metadata-invalid"));
        }
        // an empty value is a value: nothing has it here
        http.perform(get("/transfers").param("metadata.orderId", ""))
            .andExpect(status().isOk()).andExpect(jsonPath("$.items[*].transferId").value(empty()));
    }

    private void request(DomainEvents events, String transfer, String source, String destination,
                         String sourceOwner, String destinationOwner, Map<String, String> metadata) {
        events.transfer(transfer, new TransferRequestedEvent(transfer, source, destination, new Money(10, "EUR"),
                                                             null, sourceOwner, sourceOwner, destinationOwner,
                                                             metadata));
        events.transfer(transfer, new TransferScreenedEvent(transfer, ScreeningDecision.PASSED, List.of()));
    }

    private List<String> accountIds(MockHttpServletRequestBuilder request) throws Exception {
        return ids(read(request), "accountId");
    }

    private List<String> transferIds(MockHttpServletRequestBuilder request) throws Exception {
        return ids(read(request), "transferId");
    }

    private static List<String> ids(JsonNode page, String field) {
        return java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false)
                                             .map(item -> item.path(field).asText()).toList();
    }

    private JsonNode read(MockHttpServletRequestBuilder request) throws Exception {
        return read(request, true);
    }

    private JsonNode read(MockHttpServletRequestBuilder request, boolean caughtUp) throws Exception {
        var answer = http.perform(request).andExpect(status().isOk());
        if (caughtUp) {
            answer.andExpect(jsonPath("$.processing").value(false));
        }
        return json.readTree(answer.andReturn().getResponse().getContentAsString());
    }
}
