package dev.ledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import dev.ledger.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad input is a 4xx problem that writes nothing, never a 5xx, and never an event a read model cannot store: text
 * that PostgreSQL or UTF-8 cannot hold in any free-text field, ids shared between an account and a transfer, and
 * the loser of two concurrent requests creating one transfer.
 */
@CommandSideIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputIntegrationTest {

    private static final String TESTER = TestCallers.bearer(TestCallers.TESTER, TestIssuer.EVERY_ROLE);

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** JSON escapes, as a client would send them: NUL, a lone surrogate each way round, other controls. */
    @ParameterizedTest
    @ValueSource(strings = {"a\\u0000b", "\\u0000", "a\\ud800b", "\\udc00", "x\\ud83d", "\\u0001\\u001b[31m\\u007f"})
    void shouldRefuseTextNoStoreCanHoldInEveryFreeTextField(String text) throws Exception {
        String account = open();
        String destination = open();
        deposit(account, 3_000_000);
        String empty = open();
        String transfer = id("hi-t");
        // held for review (over the amount threshold), so a review can be asked for
        assertThat(status("/transfers", transferBody(transfer, account, destination, 2_000_000, null)))
                .isEqualTo(202);
        long events = events();

        Map<String, Outcome> outcomes = Map.of(
                "ownerRef", send("/accounts", "{\"accountId\":\"" + id("hi-o") + "\",\"currency\":\"EUR\","
                                                    + "\"ownerRef\":\"" + text + "\"}"),
                "owner", send("/accounts", "{\"accountId\":\"" + id("hi-o") + "\",\"currency\":\"EUR\","
                                                 + "\"owner\":\"" + text + "\"}"),
                "reference", send("/transfers", transferBody(id("hi-t"), account, destination, 1, text)),
                // another principal than the requester: four eyes
                "note", send("/transfers/" + transfer + "/review", TestCallers.bearer("hi-reviewer", "ledger.compliance"),
                             "{\"decision\":\"REJECT\",\"note\":\"" + text + "\"}"),
                "freeze reason", send("/accounts/" + account + "/freeze", "{\"reason\":\"" + text + "\"}"),
                "unfreeze reason", send("/accounts/" + account + "/unfreeze", "{\"reason\":\"" + text + "\"}"),
                "close reason", send("/accounts/" + empty + "/close", "{\"reason\":\"" + text + "\"}"));

        SoftAssertions refusals = new SoftAssertions();
        outcomes.forEach((field, outcome) -> refusals.assertThat(outcome).as(field + " " + text)
                                                     .isEqualTo(new Outcome(400, "MALFORMED_REQUEST")));
        refusals.assertThat(events()).as("nothing written").isEqualTo(events);
        refusals.assertAll();
    }

    @Test
    void shouldAnswerAnIdTakenByTheOtherKindAsAConflictOrAsUnknown() throws Exception {
        String account = open();
        String other = open();
        deposit(account, 100);
        String transfer = id("hi-t");
        assertThat(status("/transfers", transferBody(transfer, account, other, 10, null))).isEqualTo(202);
        long events = events();

        Outcome transferOnAnAccount = send("/transfers", transferBody(account, account, other, 10, null));
        assertThat(transferOnAnAccount.status()).isEqualTo(409);
        assertThat(transferOnAnAccount.code()).isEqualTo("TRANSFER_ID_CONFLICT");
        Outcome transferOnTheOther = send("/transfers", transferBody(other, account, other, 10, null));
        assertThat(transferOnTheOther.code()).isEqualTo("TRANSFER_ID_CONFLICT");

        Outcome accountOnATransfer = send("/accounts", "{\"accountId\":\"" + transfer + "\",\"currency\":\"EUR\"}");
        assertThat(accountOnATransfer.status()).isEqualTo(409);
        assertThat(accountOnATransfer.code()).isEqualTo("ACCOUNT_ALREADY_EXISTS");

        Outcome depositOnATransfer = send("/accounts/" + transfer + "/deposits", money(1));
        assertThat(depositOnATransfer.status()).isEqualTo(404);
        assertThat(depositOnATransfer.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        Outcome freezeOnATransfer = send("/accounts/" + transfer + "/freeze", "{}");
        assertThat(freezeOnATransfer.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        Outcome reviewOnAnAccount = send("/transfers/" + account + "/review", "{\"decision\":\"APPROVE\"}");
        assertThat(reviewOnAnAccount.status()).isEqualTo(404);
        assertThat(reviewOnAnAccount.code()).isEqualTo("TRANSFER_NOT_FOUND");
        Outcome transferToATransfer = send("/transfers", transferBody(id("hi-t"), account, transfer, 1, null));
        assertThat(transferToATransfer.status()).isEqualTo(422);
        assertThat(transferToATransfer.code()).isEqualTo("UNKNOWN_ACCOUNT");

        assertThat(events()).as("nothing written").isEqualTo(events);
    }

    @Test
    void shouldAnswerBothOfTwoConcurrentRequestsCreatingOneTransferWithoutAServerError() throws Exception {
        String source = open();
        String destination = open();
        deposit(source, 1_000_000);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long moved = 0;
        try {
            for (int round = 0; round < 12; round++) {
                String transfer = id("hi-race");
                boolean sameContent = round % 2 == 0;
                List<Callable<Outcome>> pair = List.of(
                        () -> send("/transfers", transferBody(transfer, source, destination, 10, null)),
                        () -> send("/transfers", transferBody(transfer, source, destination,
                                                                    sameContent ? 10 : 11, null)));
                List<Future<Outcome>> answers = new ArrayList<>();
                for (Callable<Outcome> request : pair) {
                    answers.add(clients.submit(request));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Outcome> answer : answers) {
                    Outcome outcome = answer.get(60, TimeUnit.SECONDS);
                    statuses.add(outcome.status());
                    if (outcome.status() == 409) {
                        assertThat(outcome.code()).isEqualTo("TRANSFER_ID_CONFLICT");
                    }
                }
                if (sameContent) {
                    assertThat(statuses).as(transfer + ", same content").containsExactly(202, 202);
                    moved += 10;
                } else {
                    assertThat(statuses).as(transfer + ", other content").containsExactlyInAnyOrder(202, 409);
                    moved += statuses.get(0) == 202 ? 10 : 11;
                }
                assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry "
                                               + "WHERE aggregate_identifier = ? AND sequence_number = 0",
                                               Long.class, transfer)).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
        // each accepted transfer moved its amount once
        assertThat(balanceOf(source)).isEqualTo(1_000_000 - moved);
    }

    private record Outcome(int status, String code) {
    }

    private Outcome send(String path, String body) throws Exception {
        return send(path, TESTER, body);
    }

    private Outcome send(String path, String authorization, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                           .header("Authorization", authorization)
                           .header("Content-Type", "application/json")
                           .header("Idempotency-Key", UUID.randomUUID().toString())
                           .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Outcome(response.statusCode(), answer.path("code").asText(null));
    }

    private int status(String path, String body) throws Exception {
        return send(path, body).status();
    }

    private String open() throws Exception {
        String account = id("hi-a");
        assertThat(status("/accounts", "{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}"))
                .isEqualTo(202);
        return account;
    }

    private void deposit(String account, long amount) throws Exception {
        assertThat(status("/accounts/" + account + "/deposits", money(amount))).isEqualTo(202);
    }

    private static String transferBody(String id, String source, String destination, long amount, String reference) {
        return "{\"transferId\":\"" + id + "\",\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\""
               + destination + "\",\"amount\":" + amount + ",\"currency\":\"EUR\""
               + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}";
    }

    private static String money(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\"}";
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry", Long.class);
    }

    private long balanceOf(String account) {
        return jdbc.queryForObject("""
                                           SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter')::bigint
                                           FROM ledger_command.domain_event_entry
                                           WHERE aggregate_identifier = ?
                                             AND convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter' IS NOT NULL
                                           ORDER BY sequence_number DESC LIMIT 1""", Long.class, account);
    }
}
