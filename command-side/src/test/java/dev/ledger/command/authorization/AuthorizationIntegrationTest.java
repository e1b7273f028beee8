package dev.ledger.command.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.support.CommandSideIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Authorizations on the real command side and PostgreSQL: the expiry comes by the durable deadline (db-scheduler
 * under Axon's deadline manager) and gives the reservation back; captures raced from many threads never take more
 * than was authorized.
 */
@CommandSideIntegrationTest
class AuthorizationIntegrationTest {

    private static final ExecutorService RACERS = Executors.newFixedThreadPool(8);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;

    @AfterAll
    static void stop() {
        RACERS.shutdownNow();
    }

    @Test
    void shouldReleaseWhatRemainsByTheDurableDeadlineAndRefuseCapturesAfterIt() throws Exception {
        String source = accounts("exp");
        String shop = source.replace("src", "shop");
        String id = source + "-auth";
        send("/accounts/" + source + "/authorizations", "{\"authorizationId\": \"" + id
                + "\", \"amount\": 3000, \"currency\": \"EUR\", \"destinationAccountId\": \"" + shop
                + "\", \"timeout\": \"PT2S\"}", 202);
        send("/authorizations/" + id + "/captures", "{\"captureId\": \"c1\", \"amount\": 1000}", 202);
        assertThat(held(source)).isEqualTo(2_000);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
               .until(() -> count(id, "%AuthorizationExpiredEvent") == 1);

        assertThat(held(source)).as("held back to what it was before the authorization").isZero();
        assertThat(balance(source)).isEqualTo(9_000);
        assertThat(balance(shop)).isEqualTo(1_000);
        MockHttpServletResponse late = send("/authorizations/" + id + "/captures", "{\"amount\": 1}", 409);
        assertThat(late.getContentAsString()).contains("authorization-not-open");
        assertThat(count(id, "%AuthorizationExpiredEvent")).as("expired once").isEqualTo(1);
    }

    @Test
    void shouldNeverCaptureMoreThanAuthorizedUnderConcurrentCaptures() throws Exception {
        String source = accounts("race");
        String shop = source.replace("src", "shop");
        String id = source + "-auth";
        send("/accounts/" + source + "/authorizations", "{\"authorizationId\": \"" + id
                + "\", \"amount\": 1000, \"currency\": \"EUR\", \"destinationAccountId\": \"" + shop + "\"}", 202);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> captures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String body = "{\"captureId\": \"c" + i + "\", \"amount\": 150}";
            captures.add(RACERS.submit(() -> {
                start.await();
                return send("/authorizations/" + id + "/captures", body, -1).getStatus();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> capture : captures) {
            statuses.add(capture.get(60, TimeUnit.SECONDS));
        }

        assertThat(statuses).containsOnly(202, 422);
        assertThat(statuses.stream().filter(s -> s == 202).count()).as("150 fits six times into 1000").isEqualTo(6);
        assertThat(balance(shop)).isEqualTo(900);
        assertThat(balance(source)).isEqualTo(9_100);
        assertThat(held(source)).isEqualTo(100);
    }

    /** Opens a funded source (10,000 EUR, the tester's) and a shop account; returns the source's id. */
    private String accounts(String kind) throws Exception {
        String source = kind + "-src-" + UUID.randomUUID().toString().substring(0, 8);
        String shop = source.replace("src", "shop");
        send("/accounts", "{\"accountId\": \"" + source + "\", \"currency\": \"EUR\"}", 202);
        send("/accounts", "{\"accountId\": \"" + shop + "\", \"currency\": \"EUR\"}", 202);
        send("/accounts/" + source + "/deposits", "{\"amount\": 10000, \"currency\": \"EUR\"}", 202);
        return source;
    }

    private MockHttpServletResponse send(String path, String body, int expected) throws Exception {
        MockHttpServletResponse response = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                                               .header("Idempotency-Key", UUID.randomUUID().toString())
                                                               .content(body))
                                              .andReturn().getResponse();
        if (expected > 0) {
            assertThat(response.getStatus()).as(path + " " + response.getContentAsString()).isEqualTo(expected);
        }
        return response;
    }

    private long count(String aggregate, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry "
                                   + "WHERE aggregate_identifier = ? AND payload_type LIKE ?", Long.class,
                                   aggregate, type);
    }

    private long balance(String account) {
        return last(account, "balanceAfter");
    }

    private long held(String account) {
        return last(account, "heldAfter");
    }

    private long last(String account, String field) {
        return jdbc.queryForList("SELECT (convert_from(payload, 'UTF8')::jsonb ->> '" + field + "')::bigint "
                                 + "FROM ledger_command.domain_event_entry WHERE aggregate_identifier = ? "
                                 + "AND convert_from(payload, 'UTF8')::jsonb ->> '" + field + "' IS NOT NULL "
                                 + "ORDER BY sequence_number DESC LIMIT 1", Long.class, account)
                   .stream().findFirst().orElse(0L);
    }
}
