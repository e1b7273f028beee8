package dev.ledger.command.locking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.command.support.CommandSideIntegrationTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A busy account must stay cheap to work with: a refused command leaves it in the cache (it changed nothing), and
 * the snapshot its events trigger is written after the request, not by it. Snapshots here every
 * {@value #SNAPSHOT_THRESHOLD} events, so a few deposits trigger one.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.hikari.minimum-idle=1",
        "ledger.accounts.snapshot-threshold=" + HotAccountIntegrationTest.SNAPSHOT_THRESHOLD
})
// a context of its own (its settings): closed after the class, so its connections do not add up with the others'
@DirtiesContext
class HotAccountIntegrationTest {

    static final int SNAPSHOT_THRESHOLD = 5;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    @Qualifier("accountCache")
    private Cache accountCache;

    @Test
    void shouldKeepTheCachedAccountWhenACommandIsRefused() throws Exception {
        open("hot-refused");
        Object cached = cachedAfterADeposit("hot-refused");

        assertThat(withdraw("hot-refused", "hot-refused-too-much", 1_000_000)).isEqualTo(422);
        assertThat(post("/accounts/hot-refused/deposits", "hot-refused-wrong-currency",
                        "{\"amount\":5,\"currency\":\"USD\"}")).isEqualTo(422);

        assertThat((Object) accountCache.get("hot-refused")).as("the same cached aggregate, not reloaded")
                                                            .isSameAs(cached);
        // and it still is the committed state: the next command builds on it
        assertThat(withdraw("hot-refused", "hot-refused-fits", 3)).isEqualTo(202);
        assertThat(balancesAfter("hot-refused")).endsWith(-3L + depositsOf("hot-refused"));
    }

    @Test
    void shouldAnswerWithoutWaitingForTheSnapshotItsEventsTriggered() throws Exception {
        open("hot-snapshot");
        // a second transaction that lets snapshots be read but not written: a slow snapshot store
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE ledger_command.snapshot_event_entry IN SHARE MODE");
            }
            ExecutorService client = Executors.newSingleThreadExecutor();
            try {
                // more deposits than the threshold: one of them triggers a snapshot
                for (int i = 1; i <= 2 * SNAPSHOT_THRESHOLD; i++) {
                    String key = "hot-snapshot-" + i;
                    Future<Integer> answer = client.submit(() -> deposit("hot-snapshot", key, 1));
                    try {
                        assertThat(answer.get(5, TimeUnit.SECONDS)).as("deposit %d", i).isEqualTo(202);
                    } catch (TimeoutException stuck) {
                        throw new AssertionError("deposit " + i + " waited for the snapshot it triggered", stuck);
                    }
                }
            } finally {
                blocker.rollback();
                client.shutdown();
                client.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
        // written once the store lets it, by the snapshotter itself
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_command.snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, "hot-snapshot") > 0);
    }

    /** The account's cache entry after a deposit (another deposit if a collection cleared the weak entry). */
    private Object cachedAfterADeposit(String accountId) throws Exception {
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(deposit(accountId, accountId + "-warm-" + attempt, 10)).isEqualTo(202);
            Object cached = accountCache.get(accountId);
            if (cached != null) {
                return cached;
            }
        }
        throw new AssertionError(accountId + " was never cached");
    }

    private long depositsOf(String accountId) {
        return jdbc.queryForObject("""
                                           SELECT COALESCE(sum((convert_from(payload, 'UTF8')::jsonb -> 'amount'
                                                                ->> 'amount')::bigint), 0)
                                           FROM ledger_command.domain_event_entry
                                           WHERE aggregate_identifier = ? AND payload_type LIKE '%MoneyDepositedEvent'
                                           """, Long.class, accountId);
    }

    private void open(String accountId) throws Exception {
        assertThat(post("/accounts", "open-" + accountId,
                        "{\"accountId\":\"" + accountId + "\",\"currency\":\"EUR\"}")).isEqualTo(202);
    }

    private int deposit(String accountId, String key, long amount) throws Exception {
        return post("/accounts/" + accountId + "/deposits", key,
                    "{\"amount\":" + amount + ",\"currency\":\"EUR\"}");
    }

    private int withdraw(String accountId, String key, long amount) throws Exception {
        return post("/accounts/" + accountId + "/withdrawals", key,
                    "{\"amount\":" + amount + ",\"currency\":\"EUR\"}");
    }

    private int post(String path, String key, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON)
                                                 .header("Idempotency-Key", key).content(body))
                  .andReturn().getResponse().getStatus();
    }

    private List<Long> balancesAfter(String accountId) {
        return new ArrayList<>(jdbc.queryForList("""
                                                         SELECT (convert_from(payload, 'UTF8')::jsonb
                                                                 ->> 'balanceAfter')::bigint
                                                         FROM ledger_command.domain_event_entry
                                                         WHERE aggregate_identifier = ? AND sequence_number > 0
                                                         ORDER BY sequence_number""", Long.class, accountId));
    }
}
