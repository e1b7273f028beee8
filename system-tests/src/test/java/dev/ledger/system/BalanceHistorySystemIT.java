package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The balance history over HTTP through both services: the balance and the held sum after every version and at
 * every instant of an account that went through a deposit, a hold for a review, its release and a transfer, and the
 * failure paths (before the account existed, a version not there yet, malformed questions).
 */
@ExtendWith(SharedLedger.class)
class BalanceHistorySystemIT {

    private static final String WAIT = "wait=10000";
    private static LedgerSystem ledger;

    @BeforeAll
    static void start(LedgerSystem system) {
        ledger = system;
    }

    @Test
    void shouldAnswerBalanceAndHeldAtEveryVersionAndInstantIncludingAHoldThatPostedNothing() {
        String account = openAccount();
        String other = openAccount();
        command("/accounts/" + account + "/deposits", "{\"amount\":500000,\"currency\":\"EUR\"}", Map.of());
        // above the shared ledger's EUR threshold: held for review (the hold is version 2), then rejected (3)
        JsonNode review = command("/transfers", transfer(account, other, 150_000), Map.of());
        String reviewId = review.get("transferId").asText();
        fresh("/transfers/" + reviewId + "?" + WAIT + "&after=" + review.get("consistencyToken").asText());
        command("/transfers/" + reviewId + "/review", "{\"decision\":\"REJECT\",\"note\":\"no\"}", Map.of(
                "Authorization", IdentityProvider.shared().bearer("ledger-compliance", "compliance-secret")));
        // a small one that completes at once (4)
        command("/transfers", transfer(account, other, 100), Map.of());

        long[][] expected = {{0, 0, 0}, {1, 500_000, 0}, {2, 500_000, 150_000}, {3, 500_000, 0}, {4, 499_900, 0}};
        Instant[] at = new Instant[expected.length];
        for (long[] point : expected) {
            JsonNode balance = fresh("/accounts/" + account + "/balance?" + WAIT + "&version=" + point[0]);
            assertThat(balance.path("version").asLong()).isEqualTo(point[0]);
            assertThat(balance.path("balance").asLong()).as("balance at version %d", point[0]).isEqualTo(point[1]);
            assertThat(balance.path("held").asLong()).as("held at version %d", point[0]).isEqualTo(point[2]);
            assertThat(balance.path("available").asLong()).isEqualTo(point[1] - point[2]);
            assertThat(balance.path("currency").asText()).isEqualTo("EUR");
            at[(int) point[0]] = Instant.parse(balance.path("at").asText());
        }
        JsonNode whileHeld = fresh("/accounts/" + account + "/balance?at=" + at[2]);
        assertThat(whileHeld.path("version").asLong()).isEqualTo(2);
        assertThat(whileHeld.path("held").asLong()).isEqualTo(150_000);
        assertThat(fresh("/accounts/" + account + "/balance").path("balance").asLong()).isEqualTo(499_900);

        LedgerClient.Answer before = ledger.query("/accounts/" + account + "/balance?at=" + at[0].minusMillis(1));
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.contentType()).startsWith("application/problem+json");
        assertThat(before.body().path("type").asText()).endsWith("/no-balance-at");

        LedgerClient.Answer notYet = ledger.query("/accounts/" + account + "/balance?version=99&wait=100");
        assertThat(notYet.status()).isEqualTo(200);
        assertThat(notYet.body().path("processing").asBoolean()).isTrue();
        assertThat(notYet.body().path("awaitedVersion").asLong()).isEqualTo(99);
        assertThat(notYet.body().has("balance")).isFalse();

        // the statement by time range: since the hold, only the small transfer's debit (a hold posts no entry)
        JsonNode since = fresh("/accounts/" + account + "/entries?from=" + at[2]);
        assertThat(since.path("items")).hasSize(1);
        assertThat(since.path("items").get(0).path("balanceAfter").asLong()).isEqualTo(499_900);
        JsonNode until = fresh("/accounts/" + account + "/entries?to=" + at[2]);
        assertThat(until.path("items")).hasSize(1);
        assertThat(until.path("items").get(0).path("balanceAfter").asLong()).isEqualTo(500_000);
    }

    @Test
    void shouldWaitForTheVersionACommandJustProducedRatherThanAnswerAnOlderBalance() {
        String account = openAccount();
        long balance = 0;
        for (int i = 1; i <= 10; i++) {
            JsonNode deposited = command("/accounts/" + account + "/deposits",
                                         "{\"amount\":" + i + ",\"currency\":\"EUR\"}", Map.of());
            balance += i;
            JsonNode read = fresh("/accounts/" + account + "/balance?" + WAIT + "&version="
                                  + deposited.get("version").asLong());
            assertThat(read.path("balance").asLong()).isEqualTo(balance);
        }
    }

    @Test
    void shouldRejectMalformedQuestionsWithAProblem() {
        String account = openAccount();
        for (String query : List.of("at=yesterday", "version=-1", "version=x", "at=2020-01-01T00:00:00Z&version=0",
                                    "at=" + Instant.now().plusSeconds(3600))) {
            LedgerClient.Answer answer = ledger.query("/accounts/" + account + "/balance?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        LedgerClient.Answer badRange = ledger.query("/accounts/" + account + "/entries?from=2026-01-02T00:00:00Z"
                                                    + "&to=2026-01-01T00:00:00Z");
        assertThat(badRange.status()).isEqualTo(400);
    }

    private static JsonNode fresh(String path) {
        LedgerClient.Answer answer = ledger.query(path);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("processing").asBoolean()).as(path + " -> " + answer).isFalse();
        return answer.body();
    }

    private static JsonNode command(String path, String body, Map<String, String> headers) {
        LedgerClient.Answer answer = ledger.command(path, body, headers);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        return answer.body();
    }

    private static String transfer(String source, String destination, long amount) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":"
               + amount + ",\"currency\":\"EUR\"}";
    }

    private static String openAccount() {
        String id = "bal-" + UUID.randomUUID().toString().substring(0, 8);
        command("/accounts", "{\"accountId\":\"" + id + "\",\"currency\":\"EUR\",\"overdraftLimit\":0}", Map.of());
        return id;
    }
}
