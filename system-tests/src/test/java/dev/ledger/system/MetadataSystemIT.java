package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Labels on accounts and transfers over HTTP through both services: given at opening and with a transfer, read
 * back from the views, filtering both lists within what each caller may see, and refused with nothing created
 * when they break a bound. Two demo holders: the first pays the second.
 */
@ExtendWith(SharedLedger.class)
class MetadataSystemIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "\"Rechnung\" Nr. 7 – ünïcödé 日本 😀";
    private static LedgerSystem ledger;

    @BeforeAll
    static void start(LedgerSystem system) {
        ledger = system;
    }

    @Test
    void shouldCarryLabelsFromTheRequestsToTheViewsAndFilterTheListsByThem() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String payer = open(asHolder(), Map.of("customerId", "c-" + suffix, "segment", "retail"));
        String payee = open(asHolder2(), Map.of("customerId", "c-" + suffix, "segment", "merchant"));
        String other = open(asHolder(), Map.of());
        deposit(payer, 1_000);
        String order = "o-" + suffix;

        LedgerClient.Answer paid = ledger.command("/transfers", transfer(null, payer, payee, 250,
                                                                         Map.of("orderId", order, "note", NOTE)),
                                                  asHolder());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(202);
        String transferId = paid.body().get("transferId").asText();
        assertThat(ledger.command("/transfers", transfer(null, payer, other, 5, Map.of("orderId", order + "-2")),
                                  asHolder()).status()).isEqualTo(202);

        JsonNode view = ledger.query("/transfers/" + transferId + "?wait=10000&after="
                                             + paid.body().get("consistencyToken").asText(), asHolder()).body();
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(view.path("metadata").path("orderId").asText()).isEqualTo(order);
        assertThat(view.path("metadata").path("note").asText()).isEqualTo(NOTE);
        JsonNode account = ledger.query("/accounts/" + payer + "?wait=10000&after=" + payer + "@0", asHolder()).body();
        assertThat(account.path("metadata").path("segment").asText()).isEqualTo("retail");
        assertThat(ledger.query("/accounts/" + other + "?wait=10000&after=" + other + "@0", asHolder()).body()
                         .path("metadata").isEmpty()).isTrue();

        // the lists, all labels must match; the payee is a party to the payment and sees it by its order too
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(transferIds(filter("/transfers", Map.of("metadata.orderId", order)), asHolder()))
                    .containsExactly(transferId);
            assertThat(transferIds(filter("/transfers", Map.of("metadata.orderId", order)), asHolder2()))
                    .containsExactly(transferId);
        });
        assertThat(transferIds(filter("/transfers", Map.of("metadata.orderId", order, "metadata.note", NOTE)),
                               Map.of())).containsExactly(transferId);
        assertThat(transferIds(filter("/transfers", Map.of("metadata.orderId", order, "metadata.note", "other")),
                               Map.of())).isEmpty();
        assertThat(transferIds(filter("/transfers", Map.of("metadata.orderId", order + "-2")), asHolder2()))
                .as("not a party to it").isEmpty();
        assertThat(accountIds(filter("/accounts", Map.of("metadata.customerId", "c-" + suffix)), Map.of()))
                .containsExactlyInAnyOrder(payer, payee);
        assertThat(accountIds(filter("/accounts", Map.of("metadata.customerId", "c-" + suffix)), asHolder2()))
                .as("only its own accounts").containsExactly(payee);
        assertThat(accountIds(filter("/accounts", Map.of("metadata.customerId", "c-" + suffix,
                                                         "metadata.segment", "retail")), Map.of()))
                .containsExactly(payer);
        assertThat(accountIds(filter("/accounts", Map.of("metadata.no-such-key", "c-" + suffix)), Map.of()))
                .isEmpty();
    }

    @Test
    void shouldAnswerAResubmittedTransferByItsLabelsToo() {
        String payer = open(asHolder(), Map.of());
        String payee = open(asHolder2(), Map.of());
        deposit(payer, 100);
        String id = "md-" + UUID.randomUUID();
        LedgerClient.Answer first = ledger.command("/transfers", transfer(id, payer, payee, 10, Map.of("a", "1")),
                                                   asHolder());
        assertThat(first.status()).as(first.toString()).isEqualTo(202);

        LedgerClient.Answer same = ledger.command("/transfers", transfer(id, payer, payee, 10, Map.of("a", "1")),
                                                  asHolder());
        LedgerClient.Answer relabelled = ledger.command("/transfers", transfer(id, payer, payee, 10,
                                                                               Map.of("a", "2")), asHolder());

        assertThat(same.status()).isEqualTo(202);
        assertThat(same.body().get("version")).isEqualTo(first.body().get("version"));
        assertThat(relabelled.status()).isEqualTo(409);
        assertThat(relabelled.body().path("code").asText()).isEqualTo("TRANSFER_ID_CONFLICT");
    }

    @Test
    void shouldRefuseLabelsOutOfBoundsAndCreateNothing() {
        String payer = open(asHolder(), Map.of());
        String payee = open(asHolder2(), Map.of());
        deposit(payer, 100);
        Map<String, String> seventeen = new java.util.HashMap<>();
        for (int i = 0; i < 17; i++) {
            seventeen.put("k" + i, "v");
        }
        List<String> broken = List.of(json(seventeen), json(Map.of("bad key", "v")),
                                      json(Map.of("k", "x".repeat(257))), json(Map.of("k", "line\nbreak")),
                                      "{\"k\": 1}", "{\"k\": {\"nested\": \"v\"}}");

        for (String metadata : broken) {
            String accountId = "md-acc-" + UUID.randomUUID().toString().substring(0, 8);
            LedgerClient.Answer account = ledger.command("/accounts", "{\"accountId\":\"" + accountId
                    + "\",\"currency\":\"EUR\",\"metadata\":" + metadata + "}", asHolder());
            String transferId = "md-tr-" + UUID.randomUUID().toString().substring(0, 8);
            LedgerClient.Answer transfer = ledger.command("/transfers", "{\"transferId\":\"" + transferId
                    + "\",\"sourceAccountId\":\"" + payer + "\",\"destinationAccountId\":\"" + payee
                    + "\",\"amount\":10,\"currency\":\"EUR\",\"metadata\":" + metadata + "}", asHolder());

            for (LedgerClient.Answer refused : List.of(account, transfer)) {
                assertThat(refused.status()).as(metadata + " " + refused).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.body().path("type").asText())
                        .isEqualTo("https://ledger.dev/problems/metadata-invalid");
            }
            for (String id : List.of(accountId, transferId)) {
                assertThat(ledger.single("SELECT count(*) FROM ledger_command.domain_event_entry"
                                                 + " WHERE aggregate_identifier = ?", id)).as(id).isZero();
            }
        }
        // and nothing moved
        JsonNode account = ledger.query("/accounts/" + payer + "?wait=10000&after=" + payer + "@1").body();
        assertThat(account.path("balance").asLong()).isEqualTo(100);
        // a filter out of bounds is refused as well
        LedgerClient.Answer badFilter = ledger.query(filter("/transfers", Map.of("metadata.bad key", "v")));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body().path("code").asText()).isEqualTo("METADATA_INVALID");
    }

    private static String open(Map<String, String> caller, Map<String, String> metadata) {
        String id = "md-" + UUID.randomUUID().toString().substring(0, 8);
        LedgerClient.Answer opened = ledger.command("/accounts", "{\"accountId\":\"" + id
                + "\",\"currency\":\"EUR\",\"metadata\":" + json(metadata) + "}", caller);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(202);
        return id;
    }

    private static void deposit(String account, long amount) {
        LedgerClient.Answer deposited = ledger.command("/accounts/" + account + "/deposits",
                                                       "{\"amount\":" + amount + ",\"currency\":\"EUR\"}");
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(202);
    }

    private static String transfer(String id, String source, String destination, long amount,
                                   Map<String, String> metadata) {
        ObjectNode body = JSON.createObjectNode();
        if (id != null) {
            body.put("transferId", id);
        }
        body.put("sourceAccountId", source).put("destinationAccountId", destination).put("amount", amount)
            .put("currency", "EUR").set("metadata", JSON.valueToTree(metadata));
        return body.toString();
    }

    private static String filter(String path, Map<String, String> parameters) {
        StringBuilder query = new StringBuilder(path).append('?');
        parameters.forEach((name, value) -> query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                                                 .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                                                 .append('&'));
        return query.toString();
    }

    private static List<String> transferIds(String path, Map<String, String> caller) {
        return ids(path, caller, "transferId");
    }

    private static List<String> accountIds(String path, Map<String, String> caller) {
        return ids(path, caller, "accountId");
    }

    private static List<String> ids(String path, Map<String, String> caller, String field) {
        LedgerClient.Answer page = ledger.query(path, caller);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.body().path("items").forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    private static String json(Map<String, String> metadata) {
        return JSON.valueToTree(metadata).toString();
    }

    private static Map<String, String> asHolder() {
        return Map.of("Authorization", IdentityProvider.shared().bearer("ledger-holder", "holder-secret"));
    }

    private static Map<String, String> asHolder2() {
        return Map.of("Authorization", IdentityProvider.shared().bearer("ledger-holder-2", "holder-2-secret"));
    }
}
