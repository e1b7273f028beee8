package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refunds over HTTP through both services (the shared ledger: reviews from EUR 100000, expiring after 3 s): partial
 * refunds up to the original and no further, a refund the payee cannot cover (rejected, its reservation given back),
 * a refund held for review that expires, who may refund, refunds racing on two command-side nodes, and
 * reconciliation afterwards.
 */
@ExtendWith(SharedLedger.class)
class RefundsSystemIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static LedgerSystem ledger;

    @BeforeAll
    static void start(LedgerSystem system) {
        ledger = system;
    }

    @Test
    void shouldRefundInPartsUpToTheOriginalAndReconcile() {
        // a currency of its own, so the reconciliation below is about these accounts alone
        String payer = openAccount("SEK");
        String payee = openAccount("SEK");
        deposit(payer, 10_000, "SEK");
        String original = completedTransfer(payer, payee, 3_000, "SEK");

        LedgerClient.Answer first = refund(original, "{\"amount\":1000,\"reference\":\"damaged\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String firstRefund = first.body().get("transferId").asText();
        assertThat(first.body().get("consistencyToken").asText()).startsWith(firstRefund + "@");
        LedgerClient.Answer beyond = refund(original, "{\"amount\":2001}");
        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.contentType()).startsWith("application/problem+json");
        assertThat(beyond.body().get("type").asText()).isEqualTo("https://ledger.dev/problems/refund-exceeds-original");
        LedgerClient.Answer rest = refund(original, "{}");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(202);
        String restRefund = rest.body().get("transferId").asText();

        JsonNode refund = ledger.query("/transfers/" + firstRefund + "?wait=10000&after="
                                               + first.body().get("consistencyToken").asText()).body();
        assertThat(refund.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(refund.get("refundOf").asText()).isEqualTo(original);
        assertThat(refund.get("sourceAccountId").asText()).isEqualTo(payee);
        assertThat(refund.get("destinationAccountId").asText()).isEqualTo(payer);
        assertThat(refund.get("reference").asText()).isEqualTo("damaged");
        JsonNode refunded = awaitTransfer(original, view -> view.path("refundedAmount").asLong() == 3_000);
        assertThat(refunds(refunded)).containsExactly(firstRefund + " 1000 COMPLETED", restRefund + " 2000 COMPLETED");
        awaitBalance(payer, 10_000);
        awaitBalance(payee, 0);
        assertThat(refund(original, "{\"amount\":1}").status()).as("nothing left").isEqualTo(422);

        JsonNode run = reconcile("SEK");
        assertThat(run.get("divergenceCount").asLong()).as(run.toString()).isZero();
        assertThat(run.get("transfersChecked").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldRejectARefundThePayeeCannotCoverAndLetALaterOneThrough() {
        String payer = openAccount("EUR");
        String payee = openAccount("EUR");
        deposit(payer, 1_000, "EUR");
        String original = completedTransfer(payer, payee, 1_000, "EUR");
        completedTransfer(payee, payer, 900, "EUR");

        LedgerClient.Answer uncovered = refund(original, "{\"amount\":500}");

        assertThat(uncovered.status()).as("booked, and rejected in the same commit").isEqualTo(202);
        String rejected = uncovered.body().get("transferId").asText();
        JsonNode view = ledger.query("/transfers/" + rejected + "?wait=10000&after="
                                             + uncovered.body().get("consistencyToken").asText()).body();
        assertThat(view.get("status").asText()).isEqualTo("REJECTED");
        assertThat(view.get("refundOf").asText()).isEqualTo(original);
        awaitTransfer(original, transfer -> refunds(transfer).contains(rejected + " 500 REJECTED"));

        deposit(payee, 400, "EUR");
        LedgerClient.Answer covered = refund(original, "{\"amount\":500}");
        assertThat(covered.status()).isEqualTo(202);
        JsonNode after = awaitTransfer(original, transfer -> transfer.path("refundedAmount").asLong() == 500);
        assertThat(refunds(after)).containsExactly(rejected + " 500 REJECTED",
                                                   covered.body().get("transferId").asText() + " 500 COMPLETED");
        awaitBalance(payee, 0);
        // the rejected 500 came back: 500 is left, not 0
        assertThat(refund(original, "{\"amount\":501}").status()).isEqualTo(422);
    }

    @Test
    void shouldHoldARefundForReviewAndGiveItsReservationBackWhenTheReviewExpires() {
        String payer = openAccount("EUR");
        String payee = openAccount("EUR");
        deposit(payer, 200_000, "EUR");
        String original = transfer(payer, payee, 200_000, "EUR");
        assertThat(ledger.command("/transfers/" + original + "/review", "{\"decision\":\"APPROVE\"}", asCompliance())
                         .status()).isEqualTo(202);
        awaitTransfer(original, view -> "COMPLETED".equals(view.path("status").asText()));

        LedgerClient.Answer held = refund(original, "{\"amount\":150000}");
        assertThat(held.status()).isEqualTo(202);
        String inReview = held.body().get("transferId").asText();
        assertThat(refund(original, "{\"amount\":50001}").status()).as("150000 reserved").isEqualTo(422);
        // the review expires after 3 s: rejected, its hold released, its reservation given back
        JsonNode expired = await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                                  .until(() -> ledger.query("/transfers/" + inReview).body(),
                                         body -> "REJECTED".equals(body.path("status").asText()));
        assertThat(expired.toString()).contains("REVIEW_TIMED_OUT");
        awaitTransfer(original, view -> refunds(view).contains(inReview + " 150000 REJECTED"));
        awaitAccount(payee, 200_000, 0);

        LedgerClient.Answer all = refund(original, "{}");
        assertThat(all.status()).isEqualTo(202);
        String approved = all.body().get("transferId").asText();
        assertThat(ledger.command("/transfers/" + approved + "/review", "{\"decision\":\"APPROVE\"}", asCompliance())
                         .status()).isEqualTo(202);
        JsonNode refunded = awaitTransfer(original, view -> view.path("refundedAmount").asLong() == 200_000);
        assertThat(refunds(refunded)).containsExactly(inReview + " 150000 REJECTED", approved + " 200000 COMPLETED");
        awaitAccount(payer, 200_000, 0);
    }

    @Test
    void shouldLetOnlyThePayeeRefundAndRefuseWhatCannotBeRefunded() {
        String payer = openAccount("EUR");
        String payee = openAccount("EUR");
        deposit(payer, 1_000, "EUR");
        String original = completedTransfer(payer, payee, 1_000, "EUR");
        Map<String, String> stranger = Map.of("Authorization",
                                              IdentityProvider.shared().bearer("ledger-holder", "holder-secret"));

        LedgerClient.Answer notTheirs = ledger.command("/transfers/" + original + "/refunds", "{}", stranger);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.body().get("type").asText()).isEqualTo("https://ledger.dev/problems/transfer-not-found");
        assertThat(refund("no-such-" + UUID.randomUUID(), "{}").status()).isEqualTo(404);
        assertThat(ledger.commandRaw("/transfers/" + original + "/refunds", "{}", Map.of()).status())
                .as("no Idempotency-Key").isEqualTo(400);
        assertThat(refund(original, "{\"amount\":0}").status()).isEqualTo(400);
        String refund = refund(original, "{\"amount\":10}").body().get("transferId").asText();
        LedgerClient.Answer ofARefund = refund(refund, "{}");
        assertThat(ofARefund.status()).isEqualTo(422);
        assertThat(ofARefund.body().get("type").asText()).isEqualTo("https://ledger.dev/problems/transfer-not-refundable");
        assertThat(ledger.single("SELECT count(*) FROM ledger_command.domain_event_entry WHERE aggregate_identifier = ?"
                                         + " AND payload_type LIKE '%RefundReservedEvent'", original))
                .as("only the one refund reserved anything").isEqualTo(1);
    }

    /** Two command-side processes, many refunds of one transfer at once on both: never more than the original. */
    @Test
    void shouldNeverRefundMoreThanTheOriginalWithRefundsRacingOnTwoNodes() throws Exception {
        String payer = openAccount("EUR");
        String payee = openAccount("EUR");
        deposit(payer, 1_000, "EUR");
        deposit(payee, 5_000, "EUR");
        String original = completedTransfer(payer, payee, 1_000, "EUR");
        ServiceProcess second = ledger.startAnotherCommandSide();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                URI node = i % 2 == 0 ? ledger.commandUri("/transfers/" + original + "/refunds")
                        : second.uri("/transfers/" + original + "/refunds");
                racers.add(() -> ledger.client().post(node, "{\"amount\":150}", Map.of()).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> racer : pool.invokeAll(racers)) {
                statuses.add(racer.get());
            }
            assertThat(statuses).as("6 x 150 fit in 1000").filteredOn(status -> status == 202).hasSize(6);
            assertThat(statuses).filteredOn(status -> status != 202).containsOnly(422);
        } finally {
            pool.shutdownNow();
            second.close();
        }
        JsonNode refunded = awaitTransfer(original, view -> view.path("refunds").size() == 6);
        assertThat(refunded.path("refundedAmount").asLong()).isEqualTo(900);
        awaitBalance(payee, 5_000 + 1_000 - 900);
        awaitBalance(payer, 900);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static LedgerClient.Answer refund(String transferId, String body) {
        return ledger.command("/transfers/" + transferId + "/refunds", body);
    }

    private static String openAccount(String currency) {
        String id = "rf-" + UUID.randomUUID().toString().substring(0, 8);
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

    private static String transfer(String source, String destination, long amount, String currency) {
        LedgerClient.Answer accepted = ledger.command("/transfers", "{\"sourceAccountId\":\"" + source
                + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":" + amount + ",\"currency\":\""
                + currency + "\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return accepted.body().get("transferId").asText();
    }

    private static String completedTransfer(String source, String destination, long amount, String currency) {
        String id = transfer(source, destination, amount, currency);
        awaitTransfer(id, view -> "COMPLETED".equals(view.path("status").asText()));
        return id;
    }

    private static JsonNode awaitTransfer(String transferId, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                      .until(() -> ledger.query("/transfers/" + transferId).body(),
                             body -> body != null && body.has("status") && condition.test(body));
    }

    private static void awaitBalance(String accountId, long balance) {
        awaitAccount(accountId, balance, 0);
    }

    private static void awaitAccount(String accountId, long balance, long held) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode view = ledger.query("/accounts/" + accountId).body();
            assertThat(view.path("balance").asLong(Long.MIN_VALUE)).isEqualTo(balance);
            assertThat(view.path("held").asLong(Long.MIN_VALUE)).isEqualTo(held);
        });
    }

    /** The original's refunds as {@code "<id> <amount> <status>"}, oldest first. */
    private static List<String> refunds(JsonNode transfer) {
        List<String> refunds = new ArrayList<>();
        transfer.path("refunds").forEach(r -> refunds.add(r.get("transferId").asText() + " "
                                                                 + r.get("amount").asLong() + " "
                                                                 + r.get("status").asText()));
        return refunds;
    }

    /** A reconciliation run of one currency, once it has finished. */
    private static JsonNode reconcile(String currency) {
        URI start = URI.create("http://localhost:" + ledger.queryPort() + "/admin/reconciliation?currency=" + currency);
        LedgerClient.Answer started = ledger.client().post(start, "", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String runId = started.body().get("runId").asText();
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                      .until(() -> ledger.client().get(URI.create("http://localhost:" + ledger.queryPort()
                                                                          + "/admin/reconciliation/" + runId),
                                                       Map.of()).body(),
                             body -> "COMPLETED".equals(body.path("status").asText()));
    }

    /** The demo compliance client: not the client that requested the transfers here, so four eyes allow it. */
    private static Map<String, String> asCompliance() {
        return Map.of("Authorization", IdentityProvider.shared().bearer("ledger-compliance", "compliance-secret"));
    }
}
