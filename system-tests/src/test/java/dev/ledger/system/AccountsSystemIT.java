package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both services as real processes, driven over HTTP: the foundation's contract as a client sees it. On the shared
 * ledger: fresh ids, and CHF, which no other class uses, where the per-currency sums are asserted.
 */
@ExtendWith(SharedLedger.class)
class AccountsSystemIT {

    private static LedgerSystem ledger;

    @BeforeAll
    static void start(LedgerSystem system) {
        ledger = system;
    }

    @Test
    void shouldOpenDepositWithdrawAndReadBackWithConsistencyToken() {
        String id = newId("alice");
        LedgerClient.Answer opened = command("/accounts",
                                             "{\"accountId\":\"" + id + "\",\"currency\":\"EUR\",\"overdraftLimit\":5000,"
                                                     + "\"ownerRef\":\"cust-1\"}");
        assertThat(opened.status()).isEqualTo(202);
        assertThat(opened.body().get("accountId").asText()).isEqualTo(id);
        assertThat(opened.body().get("version").asLong()).isZero();
        assertThat(opened.body().get("consistencyToken").asText()).isEqualTo(id + "@0");

        LedgerClient.Answer deposited = command("/accounts/" + id + "/deposits", "{\"amount\":10000,\"currency\":\"EUR\"}");
        assertThat(deposited.status()).isEqualTo(202);
        assertThat(deposited.body().get("version").asLong()).isEqualTo(1);

        LedgerClient.Answer withdrawn = command("/accounts/" + id + "/withdrawals", "{\"amount\":12000,\"currency\":\"EUR\"}");
        assertThat(withdrawn.status()).isEqualTo(202);
        assertThat(withdrawn.body().get("version").asLong()).isEqualTo(2);
        String token = withdrawn.body().get("consistencyToken").asText();

        LedgerClient.Answer view = query("/accounts/" + id + "?after=" + token + "&wait=10000", Map.of());
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body().get("processing").asBoolean()).isFalse();
        assertThat(view.body().get("balance").asLong()).isEqualTo(-2000);
        assertThat(view.body().get("available").asLong()).isEqualTo(3000);
        assertThat(view.body().get("held").asLong()).isZero();
        assertThat(view.body().get("overdraftLimit").asLong()).isEqualTo(5000);
        assertThat(view.body().get("currency").asText()).isEqualTo("EUR");
        assertThat(view.body().get("status").asText()).isEqualTo("OPEN");
        assertThat(view.body().get("version").asLong()).isEqualTo(2);
        assertThat(view.body().get("position").asLong()).isPositive();

        // the same token in the header
        LedgerClient.Answer viaHeader = query("/accounts/" + id + "?wait=10000", Map.of("X-Consistency-Token", token));
        assertThat(viaHeader.body().get("balance").asLong()).isEqualTo(-2000);
    }

    @Test
    void shouldRefuseAWithdrawalBeyondTheOverdraftAndWriteNothing() {
        String id = openAccount("EUR", 1000);
        command("/accounts/" + id + "/deposits", "{\"amount\":500,\"currency\":\"EUR\"}");

        LedgerClient.Answer refused = command("/accounts/" + id + "/withdrawals", "{\"amount\":1501,\"currency\":\"EUR\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("type").asText()).isEqualTo("https://ledger.dev/problems/insufficient-funds");
        assertThat(eventsOf(id)).isEqualTo(2);
        LedgerClient.Answer atLimit = command("/accounts/" + id + "/withdrawals", "{\"amount\":1500,\"currency\":\"EUR\"}");
        assertThat(atLimit.status()).isEqualTo(202);
        LedgerClient.Answer view = query("/accounts/" + id + "?after=" + atLimit.body().get("consistencyToken").asText()
                                                 + "&wait=10000", Map.of());
        assertThat(view.body().get("balance").asLong()).isEqualTo(-1000);
        assertThat(view.body().get("available").asLong()).isZero();
    }

    @Test
    void shouldEventuallyShowTheAccountWithoutAToken() {
        String id = openAccount("USD", 0);
        command("/accounts/" + id + "/deposits", "{\"amount\":250,\"currency\":\"USD\"}");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            LedgerClient.Answer view = query("/accounts/" + id, Map.of());
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.body().get("balance").asLong()).isEqualTo(250);
            assertThat(view.body().get("processing").asBoolean()).isFalse();
        });
    }

    @Test
    void shouldAnswerProcessingRatherThanNotFoundOrStaleWhileTheReadModelIsBehind() {
        String id = openAccount("EUR", 0);
        // a version the account has not reached: the read model can never be "caught up" with it
        LedgerClient.Answer behind = query("/accounts/" + id + "?after=" + id + "@7&wait=0", Map.of());
        assertThat(behind.status()).isEqualTo(200);
        assertThat(behind.body().get("processing").asBoolean()).isTrue();
        assertThat(behind.body().get("awaitedVersion").asLong()).isEqualTo(7);
        assertThat(behind.body().has("balance")).isFalse();

        LedgerClient.Answer unknownWithToken = query("/accounts/" + newId("ghost") + "?after=x@0", Map.of());
        assertThat(unknownWithToken.status()).isEqualTo(400);

        String fresh = newId("fresh");
        LedgerClient.Answer opened = command("/accounts", "{\"accountId\":\"" + fresh + "\",\"currency\":\"EUR\"}");
        LedgerClient.Answer immediately = query("/accounts/" + fresh + "?after="
                                                        + opened.body().get("consistencyToken").asText() + "&wait=0",
                                                Map.of());
        assertThat(immediately.status()).as("an accepted account is never 404 with its token").isEqualTo(200);

        LedgerClient.Answer unknown = query("/accounts/" + newId("nobody"), Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void shouldListStatementEntriesNewestFirstWithCorrelationIdsAndCursor() {
        String id = openAccount("EUR", 0);
        String lastToken = null;
        for (int i = 1; i <= 5; i++) {
            LedgerClient.Answer deposit = ledger.command("/accounts/" + id + "/deposits",
                                                         "{\"amount\":" + (i * 100) + ",\"currency\":\"EUR\"}",
                                                         Map.of("X-Correlation-Id", "corr-" + id + "-" + i));
            assertThat(deposit.header("X-Correlation-Id")).isEqualTo("corr-" + id + "-" + i);
            lastToken = deposit.body().get("consistencyToken").asText();
        }

        LedgerClient.Answer first = query("/accounts/" + id + "/entries?limit=3&wait=10000&after=" + lastToken, Map.of());
        assertThat(first.status()).isEqualTo(200);
        JsonNode items = first.body().get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("amount").asLong()).isEqualTo(500);
        assertThat(items.get(0).get("direction").asText()).isEqualTo("CREDIT");
        assertThat(items.get(0).get("balanceAfter").asLong()).isEqualTo(1500);
        assertThat(items.get(0).get("correlationId").asText()).isEqualTo("corr-" + id + "-5");
        assertThat(items.get(2).get("amount").asLong()).isEqualTo(300);

        LedgerClient.Answer second = query("/accounts/" + id + "/entries?limit=3&cursor="
                                                   + first.body().get("nextCursor").asText(), Map.of());
        assertThat(second.body().get("items")).hasSize(2);
        assertThat(second.body().get("items").get(1).get("amount").asLong()).isEqualTo(100);
        assertThat(second.body().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void shouldKeepEveryCurrencySummingToZeroAcrossCustomerAndSystemAccounts() {
        String a = openAccount("CHF", 1000);
        String b = openAccount("CHF", 0);
        command("/accounts/" + a + "/deposits", "{\"amount\":700,\"currency\":\"CHF\"}");
        command("/accounts/" + b + "/deposits", "{\"amount\":300,\"currency\":\"CHF\"}");
        LedgerClient.Answer last = command("/accounts/" + a + "/withdrawals", "{\"amount\":1500,\"currency\":\"CHF\"}");
        query("/accounts/" + a + "?wait=10000&after=" + last.body().get("consistencyToken").asText(), Map.of());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode items = query("/accounts?currency=CHF&limit=200", Map.of()).body().get("items");
            long sum = 0;
            long system = 0;
            for (JsonNode item : items) {
                sum += item.get("balance").asLong();
                if ("SYSTEM".equals(item.get("kind").asText())) {
                    system = item.get("balance").asLong();
                }
            }
            assertThat(sum).isZero();
            assertThat(system).isEqualTo(500);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON           | {\"amount\":                                    | 400 | malformed-request",
            "unknown field            | {\"amount\":1,\"currency\":\"EUR\",\"x\":1}       | 400 | malformed-request",
            "negative amount          | {\"amount\":-5,\"currency\":\"EUR\"}              | 400 | validation-failed",
            "zero amount              | {\"amount\":0,\"currency\":\"EUR\"}               | 400 | validation-failed",
            "amount beyond long       | {\"amount\":99999999999999999999999,\"currency\":\"EUR\"} | 400 | malformed-request",
            "amount above the maximum | {\"amount\":1000000000000000001,\"currency\":\"EUR\"} | 400 | validation-failed",
            "fractional amount        | {\"amount\":1.5,\"currency\":\"EUR\"}             | 400 | malformed-request",
            "amount as string         | {\"amount\":\"100\",\"currency\":\"EUR\"}          | 400 | malformed-request",
            "other currency           | {\"amount\":100,\"currency\":\"USD\"}             | 422 | currency-mismatch",
            "unknown currency         | {\"amount\":100,\"currency\":\"ABC\"}             | 400 | validation-failed",
            "missing currency         | {\"amount\":100}                                 | 400 | validation-failed",
    })
    void shouldRefuseBadDepositsAsProblemsAndWriteNothing(String name, String body, int status, String type) {
        String id = openAccount("EUR", 0);

        LedgerClient.Answer answer = command("/accounts/" + id + "/deposits", body.strip());

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("type").asText()).isEqualTo("https://ledger.dev/problems/" + type);
        assertThat(eventsOf(id)).as("only the opening event").isEqualTo(1);
    }

    @Test
    void shouldRefuseBadAccountsAsProblemsAndWriteNothing() {
        String taken = openAccount("EUR", 0);
        assertThat(command("/accounts", "{\"accountId\":\"" + taken + "\",\"currency\":\"EUR\"}").status()).isEqualTo(409);
        assertThat(eventsOf(taken)).isEqualTo(1);

        assertThat(command("/accounts", "{\"accountId\":\"a b\",\"currency\":\"EUR\"}").status()).isEqualTo(400);
        assertThat(command("/accounts", "{\"accountId\":\"world:EUR\",\"currency\":\"EUR\"}").status()).isEqualTo(400);
        assertThat(eventsOf("world:EUR")).isZero();
        assertThat(command("/accounts", "{\"currency\":\"EUR\",\"overdraftLimit\":-1}").status()).isEqualTo(400);
        assertThat(command("/accounts", "[]").status()).isEqualTo(400);
        assertThat(command("/accounts/" + newId("nobody") + "/deposits", "{\"amount\":1,\"currency\":\"EUR\"}").status())
                .isEqualTo(404);
        LedgerClient.Answer badToken = query("/accounts/" + taken + "?after=garbage", Map.of());
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.body().get("type").asText()).isEqualTo("https://ledger.dev/problems/invalid-consistency-token");
    }

    @Test
    void shouldGenerateAndEchoACorrelationIdWhenTheClientSendsNone() {
        LedgerClient.Answer opened = command("/accounts", "{\"currency\":\"EUR\"}");
        assertThat(opened.status()).isEqualTo(202);
        assertThat(opened.header("X-Correlation-Id")).isNotBlank();
        assertThat(opened.body().get("accountId").asText()).isNotBlank();
    }

    @Test
    void shouldKeepEveryTableUnderFlywayWithByteaPayloadsAndNoLargeObjects() {
        assertThat(ledger.single("""
                SELECT count(*) FROM information_schema.columns
                WHERE table_schema IN ('ledger_command', 'ledger_query') AND udt_name = 'oid'"""))
                .as("no large-object columns").isZero();
        assertThat(ledger.single("""
                SELECT count(*) FROM information_schema.columns
                WHERE table_schema = 'ledger_command' AND table_name = 'domain_event_entry'
                  AND column_name IN ('payload', 'meta_data') AND data_type = 'bytea'""")).isEqualTo(2);
        assertThat(ledger.single("SELECT count(*) FROM ledger_command.flyway_schema_history WHERE success"))
                .isPositive();
        assertThat(ledger.single("SELECT count(*) FROM ledger_query.flyway_schema_history WHERE success"))
                .isPositive();
    }

    private static String openAccount(String currency, long overdraft) {
        String id = newId("acc");
        LedgerClient.Answer opened = command("/accounts", "{\"accountId\":\"" + id + "\",\"currency\":\"" + currency
                + "\",\"overdraftLimit\":" + overdraft + "}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(202);
        return id;
    }

    private static LedgerClient.Answer command(String path, String body) {
        return ledger.command(path, body);
    }

    private static LedgerClient.Answer query(String path, Map<String, String> headers) {
        return ledger.query(path, headers);
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long eventsOf(String aggregateId) {
        return ledger.single("SELECT count(*) FROM ledger_command.domain_event_entry WHERE aggregate_identifier = ?",
                             aggregateId);
    }
}
