package dev.ledger.command.locking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.idempotency.CommandRequestFilter;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import dev.ledger.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A busy account costs its waiters time, never a database connection, and never more time than the command
 * timeout: over a real Tomcat with a pool of {@value #POOL} connections and a timeout of {@value #TIMEOUT_MS} ms,
 * waiters answer 503 (retry with the same key) in time, never 500, and other accounts keep being served.
 */
@CommandSideIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=" + BusyAccountHttpTest.POOL,
        "ledger.commands.timeout=" + BusyAccountHttpTest.TIMEOUT_MS + "ms",
        // shorter than the command timeout, as in production (5 s against 10 s)
        "spring.datasource.hikari.connection-timeout=" + BusyAccountHttpTest.TIMEOUT_MS / 2
})
class BusyAccountHttpTest {

    private static final String AUTHORIZATION = TestCallers.bearer(TestCallers.TESTER, TestIssuer.EVERY_ROLE);
    static final int POOL = 4;
    static final long TIMEOUT_MS = 2_000;
    /** What a request may take beyond the timeout: its own work once it has the lock (slow on a loaded two-core
     * machine), and the test's clocks. */
    private static final long SLACK_MS = 3_000;

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private DataSource dataSource;
    @Autowired
    @Qualifier("accountLockFactory")
    private LockFactory accountLocks;
    @Autowired
    private AggregateLocks aggregateLocks;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .executor(Executors.newCachedThreadPool()).build();
    private ExecutorService clients;

    @BeforeEach
    void clients() {
        clients = Executors.newFixedThreadPool(48);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void shouldAnswerFortyConcurrentDepositsOnOneAccountInTimeAndNeverWithA500() throws Exception {
        String account = open();
        List<Answer> answers = concurrently(40, i -> deposit(account, "hot-" + UUID.randomUUID()));

        long accepted = answers.stream().filter(a -> a.status() == 202).count();
        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(202, 503);
            if (answer.status() == 503) {
                assertThat(answer.contentType()).as(answer.toString()).isEqualTo("application/problem+json");
                assertThat(answer.code()).as(answer.toString()).isEqualTo("SERVICE_UNAVAILABLE");
            }
            assertThat(answer.millis()).as(answer.toString()).isLessThanOrEqualTo(TIMEOUT_MS + SLACK_MS);
        }
        assertThat(deposits(account)).as("every 202 deposited once, nothing else").isEqualTo(accepted);
    }

    @Test
    void shouldAnswerWaitersOfALockedAccount503InTimeWhileOtherAccountsAreServed() throws Exception {
        String hot = open();
        String cold = open();
        List<String> keys = new ArrayList<>();
        List<Answer> waiters;
        Lock busy = accountLocks.obtainLock(hot);
        try {
            List<Future<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < 2 * POOL; i++) {
                String key = "waiter-" + UUID.randomUUID();
                keys.add(key);
                pending.add(clients.submit(() -> deposit(hot, key)));
            }
            // once every waiter is queued on the account's lock
            await().atMost(Duration.ofMillis(TIMEOUT_MS / 2))
                   .until(() -> aggregateLocks.waiting(hot) == 2 * POOL);
            // the waiters hold no connection, so the pool serves another account at once
            Answer other = deposit(cold, "cold-" + UUID.randomUUID());
            assertThat(other.status()).as(other.toString()).isEqualTo(202);
            assertThat(other.millis()).as(other.toString()).isLessThan(TIMEOUT_MS / 2);
            waiters = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                waiters.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            busy.release();
        }
        for (Answer waiter : waiters) {
            assertThat(waiter.status()).as(waiter.toString()).isEqualTo(503);
            assertThat(waiter.contentType()).as(waiter.toString()).isEqualTo("application/problem+json");
            assertThat(waiter.code()).as(waiter.toString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(waiter.millis()).as(waiter.toString()).isBetween(TIMEOUT_MS - 100, TIMEOUT_MS + SLACK_MS);
        }
        assertThat(deposits(hot)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.idempotency_key "
                                       + "WHERE idempotency_key LIKE 'waiter-%'", Long.class)).isZero();

        // nothing was done: the same key runs once the account is free
        Answer retried = deposit(hot, keys.get(0));
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.replayed()).isFalse();
        assertThat(deposits(hot)).isEqualTo(1);
    }

    @Test
    void shouldAnswer503AndNotAnEmptySuccessWhenNoConnectionCanBeHad() throws Exception {
        String account = open();
        String key = "starved-" + UUID.randomUUID();
        Answer starved;
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < POOL; i++) {
                taken.add(dataSource.getConnection());
            }
            starved = deposit(account, key);
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
        assertThat(starved.status()).as(starved.toString()).isEqualTo(503);
        assertThat(starved.contentType()).as(starved.toString()).isEqualTo("application/problem+json");
        assertThat(starved.code()).as(starved.toString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(starved.millis()).as(starved.toString()).isLessThanOrEqualTo(TIMEOUT_MS + SLACK_MS);

        Answer retried = deposit(account, key);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.replayed()).isFalse();
        assertThat(deposits(account)).isEqualTo(1);
    }

    /**
     * The request's connection dies while it waits for another node's lock: the failed statement's transaction
     * cannot even be rolled back (the rollback itself fails). That is the database being unavailable, as for a
     * connection the pool cannot give: retried, or a 503 with nothing done, never a 500.
     */
    @Test
    void shouldAnswerARequestWhoseConnectionDiedWithARetryOrA503AndNeverA500() throws Exception {
        String account = open();
        String key = "killed-" + UUID.randomUUID();
        Answer answer;
        try (Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            try (var lock = otherNode.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, SharedLocks.lockId(account));
                lock.execute();
            }
            Future<Answer> pending = clients.submit(() -> deposit(account, key));
            await().atMost(Duration.ofMillis(TIMEOUT_MS / 2)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", Long.class) == 1);
            jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_locks "
                              + "WHERE locktype = 'advisory' AND NOT granted");
            otherNode.commit();
            answer = pending.get(30, TimeUnit.SECONDS);
        }
        assertThat(answer.status()).as(answer.toString()).isIn(202, 503);
        if (answer.status() == 503) {
            assertThat(answer.contentType()).as(answer.toString()).isEqualTo("application/problem+json");
            Answer retried = deposit(account, key);
            assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        }
        assertThat(deposits(account)).isEqualTo(1);
    }

    private record Answer(int status, String contentType, String code, long millis, boolean replayed) {
    }

    private interface Request {
        Answer send(int index) throws Exception;
    }

    private List<Answer> concurrently(int count, Request request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            pending.add(clients.submit(() -> {
                start.await();
                return request.send(index);
            }));
        }
        start.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> answer : pending) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private String open() throws Exception {
        String account = "busy-" + UUID.randomUUID().toString().substring(0, 8);
        Answer opened = post("/accounts", "open-" + account,
                             "{\"accountId\":\"" + account + "\",\"currency\":\"EUR\"}");
        assertThat(opened.status()).isEqualTo(202);
        return account;
    }

    private Answer deposit(String account, String key) throws Exception {
        return post("/accounts/" + account + "/deposits", key, "{\"amount\":1,\"currency\":\"EUR\"}");
    }

    private Answer post(String path, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                         .timeout(Duration.ofSeconds(20))
                                         .header("Authorization", AUTHORIZATION)
                                         .header("Content-Type", "application/json")
                                         .header(CommandRequestFilter.KEY_HEADER, key)
                                         .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        String content = response.body();
        String code = content.isEmpty() ? null : json.readTree(content).path("code").asText(null);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), code,
                          millis, response.headers().firstValue(CommandRequestFilter.REPLAYED_HEADER).isPresent());
    }

    private long deposits(String account) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry "
                                   + "WHERE aggregate_identifier = ? AND payload_type LIKE '%MoneyDepositedEvent'",
                                   Long.class, account);
    }
}
