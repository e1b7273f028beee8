package dev.ledger.command.locking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.support.CommandSideIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A command must only ever build on committed state. The HTTP path runs each command inside the request's
 * transaction; the transaction is made to roll back after the command finished (the {@code before-commit} fault
 * hook), which is what a failed commit or a lost connection does. The next command on the account must not see
 * the rolled-back event, neither from the aggregate cache nor by taking the account's lock early.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = "ledger.faults.enabled=true")
class CommittedStateIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldNotBuildTheNextDepositOnADepositWhoseTransactionRolledBack() throws Exception {
        open("cs-1");
        assertThat(deposit("cs-1", "cs-1-a", 10, false)).isEqualTo(202);
        assertThat(deposit("cs-1", "cs-1-b", 5, true)).isEqualTo(500);
        assertThat(deposit("cs-1", "cs-1-c", 1, false)).isEqualTo(202);

        assertThat(balancesAfter("cs-1")).containsExactly(10L, 11L);
    }

    @Test
    void shouldKeepEveryStreamConsistentWhenConcurrentCommandsRollBack() throws Exception {
        open("cs-2");
        AtomicInteger committed = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        for (int client = 0; client < 16; client++) {
            int id = client;
            work.add(clients.submit(() -> {
                for (int n = 0; n < 12; n++) {
                    boolean fail = (id + n) % 3 == 0;
                    int status = deposit("cs-2", "cs-2-" + id + "-" + n, 1, fail);
                    if (status == 202) {
                        committed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();

        // every stored event builds on the one before it: balanceAfter counts exactly the committed deposits
        List<Long> balances = balancesAfter("cs-2");
        assertThat(balances).hasSize(committed.get());
        for (int i = 0; i < balances.size(); i++) {
            assertThat(balances.get(i)).as("deposit %d", i + 1).isEqualTo(i + 1L);
        }
    }

    private void open(String accountId) throws Exception {
        int status = mvc.perform(post("/accounts").contentType(MediaType.APPLICATION_JSON)
                                                  .header("Idempotency-Key", "open-" + accountId)
                                                  .content("{\"accountId\":\"" + accountId
                                                                   + "\",\"currency\":\"EUR\"}"))
                        .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(202);
    }

    private int deposit(String accountId, String key, long amount, boolean rollBack) {
        var request = post("/accounts/" + accountId + "/deposits").contentType(MediaType.APPLICATION_JSON)
                                                                  .header("Idempotency-Key", key)
                                                                  .content("{\"amount\":" + amount
                                                                                   + ",\"currency\":\"EUR\"}");
        if (rollBack) {
            request.header("X-Ledger-Fault", "before-commit");
        }
        try {
            return mvc.perform(request).andReturn().getResponse().getStatus();
        } catch (Exception injected) {
            // the fault surfaces as the servlet's exception: the request failed, its transaction rolled back
            return 500;
        }
    }

    private List<Long> balancesAfter(String accountId) {
        return jdbc.queryForList("""
                                         SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter')::bigint
                                         FROM ledger_command.domain_event_entry
                                         WHERE aggregate_identifier = ? AND sequence_number > 0
                                         ORDER BY sequence_number""", Long.class, accountId);
    }
}
