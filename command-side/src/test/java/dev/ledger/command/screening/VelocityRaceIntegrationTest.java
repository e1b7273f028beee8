package dev.ledger.command.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.command.support.CommandSideIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The velocity rule counts a source's recent transfers; a decision must count every transfer of the source decided
 * before it, also when they were requested at the same instant. Sixteen clients request a transfer out of one
 * account at once, through HTTP on the real database, with a rule that lets three pass within the window.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.hikari.minimum-idle=1",
        "ledger.screening.velocity-window=1h",
        "ledger.screening.velocity-max-count=" + VelocityRaceIntegrationTest.MAX_COUNT
})
// a context of its own (its settings): closed after the class, so its connections do not add up with the others'
@DirtiesContext
class VelocityRaceIntegrationTest {

    private static final int CLIENTS = 16;
    static final int MAX_COUNT = 3;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldLetExactlyAsManyConcurrentTransfersPassAsTheVelocityRuleAllows() throws Exception {
        post("/accounts", "open-vr-src", "{\"accountId\":\"vr-src\",\"currency\":\"EUR\"}");
        post("/accounts", "open-vr-dst", "{\"accountId\":\"vr-dst\",\"currency\":\"EUR\"}");
        post("/accounts/vr-src/deposits", "fund-vr-src", "{\"amount\":1000,\"currency\":\"EUR\"}");

        CyclicBarrier start = new CyclicBarrier(CLIENTS);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            String transferId = "vr-t-" + client;
            answers.add(clients.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return status("/transfers", "key-" + transferId,
                              "{\"transferId\":\"" + transferId + "\",\"sourceAccountId\":\"vr-src\","
                                      + "\"destinationAccountId\":\"vr-dst\",\"amount\":1,\"currency\":\"EUR\"}");
            }));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get(120, TimeUnit.SECONDS)).isEqualTo(202);
        }
        clients.shutdown();

        Map<String, Long> decisions = jdbc.queryForList("""
                        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'decision'
                        FROM ledger_command.domain_event_entry
                        WHERE aggregate_identifier LIKE 'vr-t-%' AND payload_type LIKE '%TransferScreenedEvent'
                        """, String.class)
                                          .stream().collect(Collectors.groupingBy(d -> d, Collectors.counting()));
        assertThat(decisions).containsExactlyInAnyOrderEntriesOf(Map.of("PASSED", (long) MAX_COUNT,
                                                                       "REVIEW", (long) (CLIENTS - MAX_COUNT)));
        // what passed moved, what goes to review is held
        assertThat(jdbc.queryForObject("""
                        SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter')::bigint
                        FROM ledger_command.domain_event_entry
                        WHERE aggregate_identifier = 'vr-dst' ORDER BY sequence_number DESC LIMIT 1
                        """, Long.class)).isEqualTo(MAX_COUNT);
    }

    /**
     * An authorization is a payment out of its account: were it not counted, a holder could authorize and capture
     * any number of times past the rule, and its transfers afterwards would not count that either.
     */
    @Test
    void shouldCountAuthorizationsAsPaymentsOutOfTheirAccount() throws Exception {
        post("/accounts", "open-va-src", "{\"accountId\":\"va-src\",\"currency\":\"EUR\"}");
        post("/accounts", "open-va-dst", "{\"accountId\":\"va-dst\",\"currency\":\"EUR\"}");
        post("/accounts/va-src/deposits", "fund-va-src", "{\"amount\":1000,\"currency\":\"EUR\"}");

        for (int i = 1; i <= MAX_COUNT; i++) {
            post("/accounts/va-src/authorizations", "va-auth-" + i, "{\"authorizationId\":\"va-a" + i
                    + "\",\"amount\":1,\"currency\":\"EUR\",\"destinationAccountId\":\"va-dst\"}");
        }
        assertThat(status("/transfers", "va-reused-id", "{\"transferId\":\"va-a1\",\"sourceAccountId\":\"va-src\","
                + "\"destinationAccountId\":\"va-dst\",\"amount\":1,\"currency\":\"EUR\"}"))
                .as("an authorization's id taken for a transfer: a conflict, not a retry that can never succeed")
                .isEqualTo(409);
        assertThat(status("/accounts/va-src/authorizations", "va-auth-over",
                          "{\"amount\":1,\"currency\":\"EUR\",\"destinationAccountId\":\"va-dst\"}"))
                .as("one payment past the rule: declined, as an authorization cannot wait for a reviewer")
                .isEqualTo(422);
        post("/transfers", "va-transfer", "{\"transferId\":\"va-t\",\"sourceAccountId\":\"va-src\","
                + "\"destinationAccountId\":\"va-dst\",\"amount\":1,\"currency\":\"EUR\"}");
        assertThat(jdbc.queryForObject("""
                        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'decision'
                        FROM ledger_command.domain_event_entry
                        WHERE aggregate_identifier = 'va-t' AND payload_type LIKE '%TransferScreenedEvent'
                        """, String.class)).as("the authorizations count against the transfer too").isEqualTo("REVIEW");
    }

    /**
     * Every flow takes an account's lock before the screening's lock of its source (the velocity rule makes the
     * screening lock its source). A transfer takes its accounts' locks before its transaction (the request names
     * them); a capture names only its authorization, so it takes them inside, and must do so before it screens:
     * taken after, a capture holding the screening's lock and a transfer holding the account's would each wait for
     * the other until their deadlines (503). Transfers out of an account and captures of an authorization on it race;
     * every one must be booked (transfers past the rule go to review, which is booked too).
     */
    @Test
    void shouldBookRacingTransfersAndCapturesOutOfOneAccountWithoutADeadlock() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String source = "lo-src-" + suffix;
        String payee = "lo-payee-" + suffix;
        String shop = "lo-shop-" + suffix;
        for (String account : List.of(source, payee, shop)) {
            post("/accounts", "open-" + account, "{\"accountId\": \"" + account + "\", \"currency\": \"EUR\"}");
        }
        post("/accounts/" + source + "/deposits", "fund-" + source, "{\"amount\": 100000, \"currency\": \"EUR\"}");
        String id = "lo-auth-" + suffix;
        post("/accounts/" + source + "/authorizations", "auth-" + id, "{\"authorizationId\": \"" + id
                + "\", \"amount\": 10000, \"currency\": \"EUR\", \"destinationAccountId\": \"" + shop + "\"}");

        ExecutorService racers = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String capture = "{\"captureId\": \"c" + i + "\", \"amount\": 100}";
            String transfer = "{\"sourceAccountId\": \"" + source + "\", \"destinationAccountId\": \"" + payee
                    + "\", \"amount\": 100, \"currency\": \"EUR\"}";
            answers.add(racers.submit(() -> {
                start.await();
                return status("/authorizations/" + id + "/captures", UUID.randomUUID().toString(), capture);
            }));
            answers.add(racers.submit(() -> {
                start.await();
                return status("/transfers", UUID.randomUUID().toString(), transfer);
            }));
        }
        start.countDown();
        for (Future<Integer> answer : answers) {
            assertThat(answer.get(120, TimeUnit.SECONDS)).isEqualTo(202);
        }
        racers.shutdown();
    }

    private void post(String path, String key, String body) throws Exception {
        assertThat(status(path, key, body)).as("%s %s", path, body).isEqualTo(202);
    }

    private int status(String path, String key, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON)
                                                 .header("Idempotency-Key", key).content(body))
                  .andReturn().getResponse().getStatus();
    }
}
