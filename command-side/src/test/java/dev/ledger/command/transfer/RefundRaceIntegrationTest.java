package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Many refunds of one transfer at once, each also retried with its key, on the real PostgreSQL: the refunds that
 * complete never add up to more than the original, and the payee pays out exactly what they add up to.
 */
@CommandSideIntegrationTest
class RefundRaceIntegrationTest {

    private static final int RACERS = 12;
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(RACERS);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
    }

    @Test
    void shouldNeverRefundMoreThanTheOriginalUnderConcurrentAndRetriedRefunds() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String payer = "race-payer-" + run;
        String payee = "race-payee-" + run;
        String source = "race-a-" + run;
        String destination = "race-b-" + run;
        send(payer, "/accounts", "{\"accountId\": \"" + source + "\", \"currency\": \"EUR\"}", UUID.randomUUID());
        send(payee, "/accounts", "{\"accountId\": \"" + destination + "\", \"currency\": \"EUR\"}", UUID.randomUUID());
        send(TestCallers.TESTER, "/accounts/" + destination + "/deposits", "{\"amount\": 5000, \"currency\": \"EUR\"}",
             UUID.randomUUID());
        send(TestCallers.TESTER, "/accounts/" + source + "/deposits", "{\"amount\": 1000, \"currency\": \"EUR\"}",
             UUID.randomUUID());
        String original = "race-t-" + run;
        send(payer, "/transfers", "{\"transferId\": \"" + original + "\", \"sourceAccountId\": \"" + source
                + "\", \"destinationAccountId\": \"" + destination + "\", \"amount\": 1000, \"currency\": \"EUR\"}",
             UUID.randomUUID());

        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            String body = "{\"refundId\": \"" + original + "-r" + i + "\", \"amount\": 150}";
            racers.add(THREADS.submit(() -> {
                start.await();
                UUID key = UUID.randomUUID();
                // the same request twice with its key, as a client retrying after a lost answer
                return List.of(send(payee, "/transfers/" + original + "/refunds", body, key),
                               send(payee, "/transfers/" + original + "/refunds", body, key));
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> racer : racers) {
            List<Integer> answers = racer.get(60, TimeUnit.SECONDS);
            assertThat(answers.get(1)).as("a retry gets the first answer").isEqualTo(answers.get(0));
            statuses.add(answers.get(0));
        }

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byStatus).as("6 x 150 fit in 1000, the 7th does not").containsEntry(202, 6L)
                            .containsEntry(422, (long) RACERS - 6);
        long settled = jdbc.queryForObject("""
                SELECT coalesce(sum((convert_from(payload, 'UTF8')::jsonb -> 'amount' ->> 'amount')::bigint), 0)
                FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%RefundSettledEvent'""", Long.class, original);
        assertThat(settled).isEqualTo(900);
        assertThat(balance(destination)).isEqualTo(5000 + 1000 - 900);
        assertThat(balance(source)).isEqualTo(900);
    }

    private int send(String subject, String path, String body, UUID key) throws Exception {
        String bearer = subject.equals(TestCallers.TESTER) ? TestCallers.bearer(subject, "ledger.treasury")
                : TestCallers.bearer(subject, "ledger.holder");
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                     .header("Idempotency-Key", key.toString())
                                     .header(HttpHeaders.AUTHORIZATION, bearer)
                                     .content(body))
                  .andReturn().getResponse().getStatus();
    }

    private long balance(String account) {
        return jdbc.queryForList("""
                SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter')::bigint
                FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = ? AND convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter' IS NOT NULL
                ORDER BY sequence_number DESC LIMIT 1""", Long.class, account).stream().findFirst().orElse(0L);
    }
}
