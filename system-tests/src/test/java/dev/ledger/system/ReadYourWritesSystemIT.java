package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Read-your-writes across read models over HTTP, both services as processes: a transfer's answer leads to the account
 * versions its postings produced, and an account read carrying one of them (or the postings' position) never shows
 * the balance from before the transfer, however far behind the account's read models are when it arrives.
 */
@ExtendWith(SharedLedger.class)
class ReadYourWritesSystemIT {

    /** Enough transfers in a row that a read model lagging the transfer's would be caught at least once. */
    private static final int TRANSFERS = 20;
    private static final String WAIT = "wait=10000";
    private static LedgerSystem ledger;

    @BeforeAll
    static void start(LedgerSystem system) {
        ledger = system;
    }

    @Test
    void shouldNeverShowTheOldBalanceToAReadCarryingATransfersAccountVersionsOrPosition() {
        String alice = openAccount();
        String bob = openAccount();
        LedgerClient.Answer deposited = ledger.command("/accounts/" + alice + "/deposits",
                                                       "{\"amount\":1000000,\"currency\":\"EUR\"}");
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(202);
        long aliceBalance = 1_000_000;
        long bobBalance = 0;

        for (int i = 1; i <= TRANSFERS; i++) {
            long amount = i;
            LedgerClient.Answer accepted = ledger.command("/transfers", "{\"sourceAccountId\":\"" + alice
                    + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            aliceBalance -= amount;
            bobBalance += amount;
            String transferId = accepted.body().get("transferId").asText();

            JsonNode transfer = fresh("/transfers/" + transferId + "?" + WAIT + "&after="
                                      + accepted.body().get("consistencyToken").asText());
            assertThat(transfer.path("status").asText()).isEqualTo("COMPLETED");
            Map<String, String> versions = versionsByAccount(transfer);
            assertThat(versions).containsOnlyKeys(alice, bob);
            String postings = transfer.path("postingsToken").asText();
            assertThat(postings).matches("@\\d+");

            // at once, each account with the version the transfer produced on it (in the header for one of them)
            JsonNode bobRead = fresh("/accounts/" + bob + "?" + WAIT + "&after=" + versions.get(bob));
            assertThat(bobRead.path("balance").asLong()).as("bob after transfer %d", i).isEqualTo(bobBalance);
            LedgerClient.Answer aliceAnswer = ledger.query("/accounts/" + alice + "?" + WAIT,
                                                           Map.of("X-Consistency-Token", versions.get(alice)));
            assertThat(aliceAnswer.body().path("processing").asBoolean()).as(aliceAnswer.toString()).isFalse();
            assertThat(aliceAnswer.body().path("balance").asLong()).as("alice after transfer %d", i)
                                                                 .isEqualTo(aliceBalance);

            // and with the position: the balance, the statement, the account list, all read models of their own
            JsonNode byPosition = fresh("/accounts/" + bob + "?" + WAIT + "&after=" + postings);
            assertThat(byPosition.path("balance").asLong()).isEqualTo(bobBalance);
            JsonNode statement = fresh("/accounts/" + alice + "/entries?limit=1&" + WAIT + "&after=" + postings);
            assertThat(statement.path("items").path(0).path("transferId").asText()).isEqualTo(transferId);
            assertThat(statement.path("items").path(0).path("balanceAfter").asLong()).isEqualTo(aliceBalance);
            JsonNode list = fresh("/transfers?accountId=" + bob + "&limit=1&" + WAIT + "&after=" + postings);
            assertThat(list.path("items").path(0).path("transferId").asText()).isEqualTo(transferId);
        }
    }

    @Test
    void shouldCarryTheAnswersOwnPositionFromOneReadModelToAnother() {
        String account = openAccount();
        LedgerClient.Answer deposited = ledger.command("/accounts/" + account + "/deposits",
                                                       "{\"amount\":250,\"currency\":\"EUR\"}");
        JsonNode summary = fresh("/accounts/" + account + "?" + WAIT + "&after="
                                 + deposited.body().get("consistencyToken").asText());
        assertThat(summary.path("balance").asLong()).isEqualTo(250);

        // the summary's position: the statement (another processor) answers only once it has got at least as far
        long position = summary.path("position").asLong();
        JsonNode statement = fresh("/accounts/" + account + "/entries?" + WAIT + "&after=@" + position);
        assertThat(statement.path("position").asLong()).isGreaterThanOrEqualTo(position);
        // (the position is a lower bound of what the summary row showed; the row's own token names it exactly)
        JsonNode entries = fresh("/accounts/" + account + "/entries?" + WAIT + "&after="
                                 + deposited.body().get("consistencyToken").asText());
        assertThat(entries.path("items").path(0).path("balanceAfter").asLong()).isEqualTo(250);
    }

    @Test
    void shouldSayProcessingForAPositionNotReachedAndRejectAMalformedOne() {
        String account = openAccount();
        LedgerClient.Answer behind = ledger.query("/accounts/" + account + "?wait=100&after=@" + Long.MAX_VALUE);
        assertThat(behind.status()).isEqualTo(200);
        assertThat(behind.body().path("processing").asBoolean()).isTrue();
        assertThat(behind.body().path("awaitedPosition").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(behind.body().has("balance")).isFalse();

        for (String token : List.of("@", "@x", "@-1", "@1@2")) {
            LedgerClient.Answer malformed = ledger.query("/accounts/" + account, Map.of("X-Consistency-Token", token));
            assertThat(malformed.status()).as(token).isEqualTo(400);
            assertThat(malformed.contentType()).startsWith("application/problem+json");
            assertThat(malformed.body().path("type").asText()).endsWith("/invalid-consistency-token");
        }
    }

    private static JsonNode fresh(String path) {
        LedgerClient.Answer answer = ledger.query(path);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("processing").asBoolean()).as(path + " -> " + answer).isFalse();
        return answer.body();
    }

    private static Map<String, String> versionsByAccount(JsonNode transfer) {
        Map<String, String> byAccount = new java.util.HashMap<>();
        List<String> tokens = new ArrayList<>();
        transfer.path("accountVersions").forEach(token -> tokens.add(token.asText()));
        tokens.forEach(token -> byAccount.put(token.substring(0, token.lastIndexOf('@')), token));
        return byAccount;
    }

    private static String openAccount() {
        String id = "ryw-" + UUID.randomUUID().toString().substring(0, 8);
        LedgerClient.Answer opened = ledger.command("/accounts", "{\"accountId\":\"" + id
                + "\",\"currency\":\"EUR\",\"overdraftLimit\":0}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(202);
        return id;
    }
}
