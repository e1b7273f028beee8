package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authorizations over HTTP through both services: reserve, capture in parts to two destinations, refuse what does
 * not fit, void, expire by the durable deadline, and reconcile clean afterwards. The accounts are in NOK, a currency
 * of this class's own on the shared ledger, so its reconciliation run sees only these (EUR where the demo screening
 * rules are needed).
 */
@ExtendWith(SharedLedger.class)
class AuthorizationsSystemIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String NOK = "NOK";
    private static LedgerSystem ledger;

    @BeforeAll
    static void start(LedgerSystem system) {
        ledger = system;
    }

    @Test
    void shouldCaptureInPartsToTwoDestinationsRefuseBeyondAndVoidTheRest() {
        String source = openAccount(NOK);
        String shop = openAccount(NOK);
        String shop2 = openAccount(NOK);
        deposit(source, 10_000, NOK);

        // no destination: each capture names its own
        LedgerClient.Answer placed = authorize(source, "{\"amount\":6000,\"currency\":\"NOK\","
                + "\"reference\":\"order 42\"}");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        String id = placed.body().path("authorizationId").asText();
        assertThat(placed.body().path("id").asText()).isEqualTo(id);
        assertThat(placed.body().path("status").asText()).isEqualTo("OPEN");
        assertThat(placed.body().path("version").asLong()).isZero();
        JsonNode view = ledger.query("/authorizations/" + id + "?wait=10000&after="
                                             + placed.body().path("consistencyToken").asText()).body();
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("remainingAmount").asLong()).isEqualTo(6_000);
        assertThat(view.path("accountId").asText()).isEqualTo(source);
        awaitAccount(source, 10_000, 6_000);

        LedgerClient.Answer first = capture(id, "{\"amount\":2000,\"destinationAccountId\":\"" + shop + "\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.body().path("remaining").asLong()).isEqualTo(4_000);
        LedgerClient.Answer second = capture(id, "{\"amount\":1500,\"destinationAccountId\":\"" + shop2 + "\"}");
        assertThat(second.status()).as(second.toString()).isEqualTo(202);

        LedgerClient.Answer beyond = capture(id, "{\"amount\":2501,\"destinationAccountId\":\"" + shop + "\"}");
        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(422);
        assertThat(beyond.contentType()).startsWith("application/problem+json");
        assertThat(beyond.body().path("type").asText()).endsWith("/capture-exceeds-authorization");
        LedgerClient.Answer byAnotherHolder = ledger.command(
                "/authorizations/" + id + "/captures", "{\"amount\":1}",
                Map.of("Authorization", IdentityProvider.shared().bearer("ledger-holder-2", "holder-2-secret")));
        assertThat(byAnotherHolder.status()).as("like an unknown one").isEqualTo(404);
        assertThat(byAnotherHolder.body().path("type").asText()).endsWith("/authorization-not-found");

        LedgerClient.Answer voided = ledger.command("/authorizations/" + id + "/void", "");
        assertThat(voided.status()).as(voided.toString()).isEqualTo(202);
        assertThat(voided.body().path("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.body().path("remaining").asLong()).isZero();
        assertThat(ledger.command("/authorizations/" + id + "/void", "").status()).as("a repeated void").isEqualTo(202);
        LedgerClient.Answer afterVoid = capture(id, "{\"amount\":1,\"destinationAccountId\":\"" + shop + "\"}");
        assertThat(afterVoid.status()).isEqualTo(409);
        assertThat(afterVoid.body().path("type").asText()).endsWith("/authorization-not-open");

        JsonNode done = ledger.query("/authorizations/" + id + "?wait=10000&after="
                                             + voided.body().path("consistencyToken").asText()).body();
        assertThat(done.path("status").asText()).isEqualTo("VOIDED");
        assertThat(done.path("capturedAmount").asLong()).isEqualTo(3_500);
        assertThat(done.path("remainingAmount").asLong()).isZero();
        assertThat(captures(done)).containsExactly(shop + "=2000", shop2 + "=1500");
        awaitAccount(source, 6_500, 0);
        awaitAccount(shop, 2_000, 0);
        awaitAccount(shop2, 1_500, 0);
        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode entries = ledger.query("/accounts/" + source + "/entries?limit=2").body().path("items");
            assertThat(entries.path(0).path("entryId").asText()).contains("/").endsWith(":debit");
            assertThat(entries.path(0).path("amount").asLong()).isEqualTo(1_500);
            assertThat(entries.path(1).path("amount").asLong()).isEqualTo(2_000);
        });
    }

    @Test
    void shouldReleaseTheRestWhenTheShortTimeoutExpiresAndRefuseCapturesAfterIt() {
        String source = openAccount(NOK);
        String shop = openAccount(NOK);
        deposit(source, 5_000, NOK);
        LedgerClient.Answer placed = authorize(source, "{\"amount\":3000,\"currency\":\"NOK\","
                + "\"destinationAccountId\":\"" + shop + "\",\"timeout\":\"PT3S\"}");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        String id = placed.body().path("authorizationId").asText();
        assertThat(capture(id, "{\"amount\":1000}").status()).isEqualTo(202);
        LedgerClient.Answer elsewhere = capture(id, "{\"amount\":1,\"destinationAccountId\":\"" + source + "\"}");
        assertThat(elsewhere.status()).as("the payer authorized paying the shop only").isEqualTo(422);
        assertThat(elsewhere.body().path("type").asText()).endsWith("/capture-destination-mismatch");

        JsonNode expired = await().atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                                  .until(() -> ledger.query("/authorizations/" + id).body(),
                                         body -> "EXPIRED".equals(body.path("status").asText()));

        assertThat(expired.path("capturedAmount").asLong()).isEqualTo(1_000);
        awaitAccount(source, 4_000, 0);
        awaitAccount(shop, 1_000, 0);
        LedgerClient.Answer late = capture(id, "{\"amount\":1}");
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.body().path("type").asText()).endsWith("/authorization-not-open");
        awaitAccount(shop, 1_000, 0);
    }

    @Test
    void shouldCloseWhenCapturedInFullAndAnswerAResubmittedIdWithTheOriginal() {
        String source = openAccount(NOK);
        String shop = openAccount(NOK);
        deposit(source, 1_000, NOK);
        String id = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"authorizationId\":\"" + id + "\",\"amount\":800,\"currency\":\"NOK\",\"destinationAccountId\":\""
                + shop + "\"}";
        assertThat(authorize(source, body).status()).isEqualTo(202);
        LedgerClient.Answer again = authorize(source, body);
        assertThat(again.status()).as("the same id and content, another key").isEqualTo(202);
        assertThat(again.body().path("version").asLong()).isZero();
        LedgerClient.Answer different = authorize(source, body.replace("800", "801"));
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.body().path("type").asText()).endsWith("/authorization-id-conflict");

        LedgerClient.Answer all = capture(id, "{\"captureId\":\"cap-1\",\"amount\":800}");
        assertThat(all.status()).as(all.toString()).isEqualTo(202);
        assertThat(all.body().path("status").asText()).isEqualTo("CAPTURED");
        assertThat(capture(id, "{\"captureId\":\"cap-1\",\"amount\":800}").status()).as("the same capture").isEqualTo(202);
        assertThat(capture(id, "{\"captureId\":\"cap-1\",\"amount\":700}").status()).isEqualTo(409);
        awaitAccount(source, 200, 0);
        awaitAccount(shop, 800, 0);
        JsonNode open = ledger.query("/accounts/" + source + "/authorizations?status=OPEN&wait=10000&after="
                                             + id + "@1").body();
        assertThat(open.path("items")).isEmpty();
        JsonNode captured = ledger.query("/accounts/" + source + "/authorizations?status=CAPTURED").body();
        assertThat(captured.path("items").path(0).path("authorizationId").asText()).isEqualTo(id);
    }

    @Test
    void shouldRefuseWhatCannotBeAuthorizedAndWriteNothing() {
        String source = openAccount(NOK);
        String euros = openAccount("EUR");
        deposit(source, 1_000, NOK);
        deposit(euros, 500_000, "EUR");

        assertRefused(authorize(source, "{\"amount\":1001,\"currency\":\"NOK\"}"), 422, "insufficient-funds");
        assertRefused(authorize(source, "{\"amount\":10,\"currency\":\"EUR\"}"), 422, "currency-mismatch");
        assertRefused(authorize(source, "{\"amount\":0,\"currency\":\"NOK\"}"), 400, "validation-failed");
        assertRefused(authorize(source, "{\"amount\":10,\"currency\":\"NOK\",\"expiresAt\":\""
                + Instant.now().minusSeconds(60) + "\"}"), 400, "validation-failed");
        assertRefused(authorize(source, "{\"amount\":10,\"currency\":\"NOK\",\"timeout\":\"P60D\"}"), 400,
                      "validation-failed");
        assertRefused(authorize(source, "{\"amount\":10,\"currency\":\"NOK\",\"timeout\":\"soon\"}"), 400,
                      "validation-failed");
        // the demo rules send 100,000 EUR and more to a reviewer: an authorization cannot wait for one
        assertRefused(authorize(euros, "{\"amount\":100000,\"currency\":\"EUR\"}"), 422, "authorization-declined");
        assertRefused(ledger.command("/accounts/" + source + "/authorizations", "{\"amount\":10,\"currency\":\"NOK\"}",
                                     Map.of("Authorization",
                                            IdentityProvider.shared().bearer("ledger-holder-2", "holder-2-secret"))),
                      404, "account-not-found");
        LedgerClient.Answer noKey = ledger.commandRaw("/accounts/" + source + "/authorizations",
                                                      "{\"amount\":10,\"currency\":\"NOK\"}", Map.of());
        assertThat(noKey.status()).isEqualTo(400);

        LedgerClient.Answer noDestination = authorize(source, "{\"amount\":10,\"currency\":\"NOK\"}");
        assertThat(noDestination.status()).isEqualTo(202);
        String id = noDestination.body().path("authorizationId").asText();
        assertRefused(capture(id, "{\"amount\":5}"), 400, "validation-failed");
        assertRefused(capture("no-such-" + id, "{\"amount\":5}"), 404, "authorization-not-found");
        awaitAccount(source, 1_000, 10);
        assertThat(ledger.command("/authorizations/" + id + "/void", "").status()).isEqualTo(202);
        awaitAccount(source, 1_000, 0);
    }

    /** After everything above (and whatever ran before), the store and the read models agree on NOK. */
    @Test
    void shouldReconcileAuthorizationsWithoutDivergence() {
        String source = openAccount(NOK);
        String shop = openAccount(NOK);
        deposit(source, 2_000, NOK);
        String id = authorize(source, "{\"amount\":1500,\"currency\":\"NOK\",\"destinationAccountId\":\"" + shop
                + "\"}").body().path("authorizationId").asText();
        assertThat(capture(id, "{\"amount\":500}").status()).isEqualTo(202);
        assertThat(ledger.command("/authorizations/" + id + "/void", "").status()).isEqualTo(202);
        awaitAccount(source, 1_500, 0);

        JsonNode run = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            LedgerClient.Answer started = ledger.client().post(
                    URI.create("http://localhost:" + ledger.queryPort() + "/admin/reconciliation?currency=NOK"), "",
                    Map.of());
            if (started.status() != 202) {
                return null; // another run in progress: try again
            }
            String location = started.body().path("location").asText();
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                          .until(() -> ledger.query(location).body(),
                                 body -> !"RUNNING".equals(body.path("status").asText()));
        }, body -> body != null);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("divergenceCount").asInt()).as(run.toString()).isZero();
    }

    private static void assertRefused(LedgerClient.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("type").asText()).as(answer.toString()).endsWith("/" + type);
    }

    private static LedgerClient.Answer authorize(String account, String body) {
        return ledger.command("/accounts/" + account + "/authorizations", body);
    }

    private static LedgerClient.Answer capture(String authorizationId, String body) {
        return ledger.command("/authorizations/" + authorizationId + "/captures", body);
    }

    private static List<String> captures(JsonNode view) {
        List<String> found = new ArrayList<>();
        view.path("captures").forEach(c -> found.add(c.path("destinationAccountId").asText() + "="
                                                             + c.path("amount").asLong()));
        return found;
    }

    private static String openAccount(String currency) {
        String id = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        LedgerClient.Answer opened = ledger.command("/accounts", "{\"accountId\":\"" + id + "\",\"currency\":\""
                + currency + "\"}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(202);
        return id;
    }

    private static void deposit(String account, long amount, String currency) {
        LedgerClient.Answer deposited = ledger.command("/accounts/" + account + "/deposits",
                                                       "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}");
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(202);
    }

    private static void awaitAccount(String accountId, long balance, long held) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode view = ledger.query("/accounts/" + accountId).body();
            assertThat(view.path("balance").asLong(Long.MIN_VALUE)).isEqualTo(balance);
            assertThat(view.path("held").asLong(Long.MIN_VALUE)).isEqualTo(held);
        });
    }
}
