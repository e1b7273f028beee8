package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Transfers over HTTP through every terminal state, with both services as processes. Review timeouts are
 * shortened so the timeout path runs in seconds.
 */
@ExtendWith(SharedLedger.class)
class TransfersSystemIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static LedgerSystem ledger;

    /** The shared ledger's settings are this class's: a 3 s review timeout, EUR 1,000.00 threshold, one denied owner. */
    @BeforeAll
    static void start(LedgerSystem shared) {
        ledger = shared;
    }

    @Test
    void shouldCompleteATransferInTheRequestsOwnCommitAndPostBothLegs() {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 10_000);

        LedgerClient.Answer accepted = transfer(null, source, destination, 2_500, "EUR");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String transferId = accepted.body().get("transferId").asText();
        // request 0, screening 1, completion 2: the transfer was finished when the answer came
        assertThat(accepted.body().get("version").asLong()).isEqualTo(2);

        JsonNode transfer = ledger.query("/transfers/" + transferId + "?wait=10000&after="
                                                 + accepted.body().get("consistencyToken").asText()).body();
        assertThat(transfer.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(statuses(transfer)).containsExactly("REQUESTED", "SCREENING", "SOURCE_DEBITED",
                                                       "DESTINATION_CREDITED", "COMPLETED");
        assertThat(transfer.get("screening").get("decision").asText()).isEqualTo("PASSED");
        assertThat(transfer.get("amount").asLong()).isEqualTo(2_500);
        assertThat(transfer.get("correlationId").asText()).isNotBlank();
        awaitAccount(source, 7_500, 0);
        awaitAccount(destination, 2_500, 0);
        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode debit = ledger.query("/accounts/" + source + "/entries?limit=1").body().path("items").path(0);
            assertThat(debit.path("direction").asText()).isEqualTo("DEBIT");
            assertThat(debit.path("transferId").asText()).isEqualTo(transferId);
            JsonNode credit = ledger.query("/accounts/" + destination + "/entries?limit=1").body().path("items").path(0);
            assertThat(credit.path("direction").asText()).isEqualTo("CREDIT");
            assertThat(credit.path("amount").asLong()).isEqualTo(2_500);
        });
    }

    @Test
    void shouldRejectATransferTheSourceCannotCover() {
        String source = openAccount("EUR", 100, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 400);

        String transferId = requestTransfer(source, destination, 501);

        JsonNode transfer = awaitStatus(transferId, "REJECTED");
        assertThat(transfer.toString()).contains("INSUFFICIENT_FUNDS");
        assertThat(statuses(transfer)).doesNotContain("FUNDS_RESERVED", "SOURCE_DEBITED", "DESTINATION_CREDITED");
        awaitAccount(source, 400, 0);
        awaitAccount(destination, 0, 0);
    }

    @Test
    void shouldRejectATransferToAFrozenDestinationWithoutMovingMoney() {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 1_000);
        assertThat(ledger.command("/accounts/" + destination + "/freeze", "{\"reason\":\"aml\"}").status())
                .isEqualTo(202);

        String transferId = requestTransfer(source, destination, 600);

        JsonNode transfer = awaitStatus(transferId, "REJECTED");
        assertThat(statuses(transfer)).doesNotContain("FUNDS_RESERVED", "SOURCE_DEBITED", "DESTINATION_CREDITED");
        assertThat(transfer.toString()).contains("ACCOUNT_FROZEN");
        awaitAccount(source, 1_000, 0);
        awaitAccount(destination, 0, 0);
    }

    @Test
    void shouldRejectATransferToASanctionedOwnerWithoutMovingMoney() {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, "sanctioned-owner");
        deposit(source, 1_000);

        String transferId = requestTransfer(source, destination, 10);

        JsonNode transfer = awaitStatus(transferId, "REJECTED");
        assertThat(transfer.get("screening").get("decision").asText()).isEqualTo("DENIED");
        assertThat(transfer.get("screening").toString()).contains("deny-list").contains("sanctioned-owner");
        awaitAccount(source, 1_000, 0);
    }

    @Test
    void shouldHoldALargeTransferForReviewAndCompleteItWhenApproved() {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 500_000);

        String transferId = requestTransfer(source, destination, 150_000);
        JsonNode inReview = awaitStatus(transferId, "IN_REVIEW");
        assertThat(inReview.get("screening").toString()).contains("amount-threshold");
        // hold now, decide later: the amount is reserved while a person looks at it
        awaitAccount(source, 500_000, 150_000);
        long version = inReview.get("version").asLong();

        // four eyes: the client that requested the transfer may not decide it; the demo compliance client may
        LedgerClient.Answer own = ledger.command("/transfers/" + transferId + "/review",
                                                 "{\"decision\":\"APPROVE\"}",
                                                 Map.of("If-Match", "\"" + version + "\""));
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.body().get("code").asText()).isEqualTo("REVIEWER_IS_REQUESTER");
        String compliance = asCompliance().get("Authorization");
        LedgerClient.Answer stale = ledger.command("/transfers/" + transferId + "/review",
                                                   "{\"decision\":\"APPROVE\"}",
                                                   Map.of("If-Match", "\"" + (version - 1) + "\"",
                                                          "Authorization", compliance));
        assertThat(stale.status()).isEqualTo(412);
        LedgerClient.Answer approved = ledger.command("/transfers/" + transferId + "/review",
                                                      "{\"decision\":\"APPROVE\",\"note\":\"known\"}",
                                                      Map.of("If-Match", "\"" + version + "\"",
                                                             "Authorization", compliance));
        assertThat(approved.status()).isEqualTo(202);

        JsonNode completed = awaitStatus(transferId, "COMPLETED");
        assertThat(completed.get("screening").get("reviewer").asText()).isEqualTo("ledger-compliance");
        awaitAccount(destination, 150_000, 0);
        awaitAccount(source, 350_000, 0);
    }

    @Test
    void shouldFailAnApprovedTransferWhoseDestinationFrozeDuringTheReviewAndReleaseItsHold() {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 500_000);
        String transferId = requestTransfer(source, destination, 120_000);
        awaitStatus(transferId, "IN_REVIEW");
        assertThat(ledger.command("/accounts/" + destination + "/freeze", "{}").status()).isEqualTo(202);

        assertThat(ledger.command("/transfers/" + transferId + "/review",
                                  "{\"decision\":\"APPROVE\"}", asCompliance()).status()).isEqualTo(202);

        JsonNode failed = awaitStatus(transferId, "FAILED");
        assertThat(failed.toString()).contains("ACCOUNT_FROZEN");
        assertThat(statuses(failed)).contains("FUNDS_RELEASED").doesNotContain("DESTINATION_CREDITED");
        awaitAccount(source, 500_000, 0);
        awaitAccount(destination, 0, 0);
    }

    @Test
    void shouldRejectATransferTheReviewerRejects() {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 500_000);
        String transferId = requestTransfer(source, destination, 200_000);
        awaitStatus(transferId, "IN_REVIEW");
        awaitAccount(source, 500_000, 200_000);

        assertThat(ledger.command("/transfers/" + transferId + "/review",
                                  "{\"decision\":\"REJECT\",\"note\":\"no\"}", asCompliance()).status())
                .isEqualTo(202);

        assertThat(awaitStatus(transferId, "REJECTED").toString()).contains("REVIEW_REJECTED");
        awaitAccount(source, 500_000, 0);
    }

    @Test
    void shouldRejectATransferNobodyReviewsInTime() {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 500_000);
        String transferId = requestTransfer(source, destination, 300_000);

        assertThat(awaitStatus(transferId, "REJECTED").toString()).contains("REVIEW_TIMED_OUT");
        awaitAccount(source, 500_000, 0);
        assertThat(ledger.command("/transfers/" + transferId + "/review",
                                  "{\"decision\":\"APPROVE\"}", asCompliance()).status()).isEqualTo(422);
    }

    @Test
    void shouldRefuseInvalidTransfersAndWriteNothing() {
        String eur = openAccount("EUR", 0, null);
        String usd = openAccount("USD", 0, null);
        String id = "bad-" + UUID.randomUUID();

        assertThat(transfer(id, eur, eur, 10, "EUR").status()).isEqualTo(422);
        assertThat(transfer(id, eur, "no-such-account", 10, "EUR").status()).isEqualTo(422);
        LedgerClient.Answer mismatch = transfer(id, eur, usd, 10, "EUR");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.body().get("type").asText()).endsWith("/currency-mismatch");
        assertThat(transfer(id, eur, usd, 0, "EUR").status()).isEqualTo(400);
        assertThat(transfer(id, eur, usd, -5, "EUR").status()).isEqualTo(400);
        assertThat(ledger.command("/transfers", "{\"sourceAccountId\":\"" + eur + "\"}").status()).isEqualTo(400);
        assertThat(ledger.single("SELECT count(*) FROM ledger_command.domain_event_entry WHERE aggregate_identifier = ?",
                                 id)).isZero();
    }

    @Test
    void shouldAnswerAResubmittedTransferWithTheOriginalAndRefuseADifferentOne() {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 1_000);
        String id = "dup-" + UUID.randomUUID();

        LedgerClient.Answer first = transfer(id, source, destination, 100, "EUR");
        LedgerClient.Answer again = transfer(id, source, destination, 100, "EUR");
        LedgerClient.Answer different = transfer(id, source, destination, 101, "EUR");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("transferId").asText()).isEqualTo(id);
        assertThat(different.status()).isEqualTo(409);
        awaitStatus(id, "COMPLETED");
        awaitAccount(source, 900, 0);
    }

    @Test
    void shouldCompleteATransferWhoseIdsAreAsLongAsTheApiAllows() {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        String source = ("s-" + suffix + "x".repeat(64)).substring(0, 64);
        String destination = ("d-" + suffix + "x".repeat(64)).substring(0, 64);
        String transferId = ("t-" + suffix + "x".repeat(64)).substring(0, 64);
        for (String account : List.of(source, destination)) {
            assertThat(ledger.command("/accounts", "{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}")
                             .status()).isEqualTo(202);
        }
        deposit(source, 1_000);

        assertThat(transfer(transferId, source, destination, 300, "EUR").status()).isEqualTo(202);

        awaitStatus(transferId, "COMPLETED");
        awaitAccount(source, 700, 0);
        awaitAccount(destination, 300, 0);
        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode debit = ledger.query("/accounts/" + source + "/entries?limit=1").body().path("items").path(0);
            assertThat(debit.path("entryId").asText()).isEqualTo(transferId + ":debit");
            JsonNode credit = ledger.query("/accounts/" + destination + "/entries?limit=1").body().path("items").path(0);
            assertThat(credit.path("entryId").asText()).isEqualTo(transferId + ":credit");
        });
    }

    @Test
    void shouldAnswerTheSameTransferIdSentConcurrentlyWithOneTransfer() throws Exception {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 1_000);
        String id = "race-" + UUID.randomUUID();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<LedgerClient.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // eight clients, each with its own Idempotency-Key: only the transfer id makes them the same transfer
            answers.add(clients.submit(() -> transfer(id, source, destination, 100, "EUR")));
        }
        for (Future<LedgerClient.Answer> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(202);
            assertThat(answer.get().body().get("transferId").asText()).isEqualTo(id);
        }
        clients.shutdown();

        awaitStatus(id, "COMPLETED");
        awaitAccount(source, 900, 0);
        awaitAccount(destination, 100, 0);
    }

    @Test
    void shouldNeverOverdrawAnAccountUnderManyConcurrentTransfersOutOfIt() throws Exception {
        String source = openAccount("EUR", 0, null);
        String destination = openAccount("EUR", 0, null);
        deposit(source, 10_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(() -> requestTransfer(source, destination, 1_000));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> id : pool.invokeAll(requests)) {
            ids.add(id.get());
        }
        pool.shutdown();

        long completed = ids.stream().map(id -> awaitTerminal(id).get("status").asText())
                            .filter("COMPLETED"::equals).count();

        assertThat(completed).isEqualTo(10);
        awaitAccount(source, 0, 0);
        awaitAccount(destination, 10_000, 0);
    }

    @Test
    void shouldRefuseALifecycleChangeAgainstAStaleVersion() {
        String account = openAccount("EUR", 0, null);
        deposit(account, 10);
        assertThat(ledger.command("/accounts/" + account + "/freeze", "{}", Map.of("If-Match", "\"0\"")).status())
                .isEqualTo(412);
        assertThat(ledger.command("/accounts/" + account + "/freeze", "{}", Map.of("If-Match", "\"1\"")).status())
                .isEqualTo(202);
        assertThat(ledger.command("/accounts/" + account + "/close", "{}").status()).isEqualTo(422);
    }

    private static String openAccount(String currency, long overdraft, String ownerRef) {
        String id = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        String owner = ownerRef == null ? "" : ",\"ownerRef\":\"" + ownerRef + "\"";
        LedgerClient.Answer opened = ledger.command("/accounts", "{\"accountId\":\"" + id + "\",\"currency\":\""
                + currency + "\",\"overdraftLimit\":" + overdraft + owner + "}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(202);
        return id;
    }

    private static void deposit(String account, long amount) {
        LedgerClient.Answer deposited = ledger.command("/accounts/" + account + "/deposits",
                                                       "{\"amount\":" + amount + ",\"currency\":\"EUR\"}");
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(202);
    }

    private static String requestTransfer(String source, String destination, long amount) {
        LedgerClient.Answer accepted = transfer(null, source, destination, amount, "EUR");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return accepted.body().get("transferId").asText();
    }

    private static LedgerClient.Answer transfer(String id, String source, String destination, long amount,
                                                String currency) {
        String idField = id == null ? "" : "\"transferId\":\"" + id + "\",";
        return ledger.command("/transfers", "{" + idField + "\"sourceAccountId\":\"" + source
                + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":" + amount + ",\"currency\":\""
                + currency + "\"}");
    }

    private static JsonNode awaitStatus(String transferId, String status) {
        return await().atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                      .until(() -> ledger.query("/transfers/" + transferId).body(),
                             body -> body != null && body.has("status") && status.equals(body.get("status").asText()));
    }

    private static JsonNode awaitTerminal(String transferId) {
        return await().atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                      .until(() -> ledger.query("/transfers/" + transferId).body(),
                             body -> body != null && body.has("status")
                                     && List.of("COMPLETED", "REJECTED", "FAILED").contains(body.get("status").asText()));
    }

    private static void awaitAccount(String accountId, long balance, long held) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode view = ledger.query("/accounts/" + accountId).body();
            assertThat(view.path("balance").asLong(Long.MIN_VALUE)).isEqualTo(balance);
            assertThat(view.path("held").asLong(Long.MIN_VALUE)).isEqualTo(held);
        });
    }

    private static List<String> statuses(JsonNode transfer) {
        List<String> statuses = new ArrayList<>();
        transfer.get("steps").forEach(step -> statuses.add(step.get("status").asText()));
        return statuses;
    }

    /** The demo compliance client: not the client that requested the transfers here, so four eyes allow it. */
    private static Map<String, String> asCompliance() {
        return Map.of("Authorization", IdentityProvider.shared().bearer("ledger-compliance", "compliance-secret"));
    }
}
