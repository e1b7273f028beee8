package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 10, defect 4: when the review process used to decide a transfer's outcome itself, its expiry on one node
 * could race a reviewer's approval on another, and the transfer was both credited and released (money created).
 * Both are now decisions of the Transfer aggregate, appended with its stream's sequence number, so whichever
 * commits first wins and the other finds the review decided. Raced here many times: every transfer ends exactly
 * once, its hold is either captured or released, never both, and no money appears.
 */
@CommandSideIntegrationTest
// every transfer goes to review
@TestPropertySource(properties = "ledger.screening.amount-thresholds.EUR=1")
class ReviewRaceIntegrationTest {

    private static final ExecutorService RACERS = Executors.newFixedThreadPool(2);
    private static final int RACES = 25;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private JdbcTemplate jdbc;

    @AfterAll
    static void stop() {
        RACERS.shutdownNow();
    }

    @Test
    void shouldEndEveryRacedReviewExactlyOnceWithoutCreatingMoney() throws Exception {
        String source = "race-src-" + UUID.randomUUID().toString().substring(0, 8);
        String destination = source.replace("src", "dst");
        send(TestCallers.TESTER, "/accounts", "{\"accountId\": \"" + source + "\", \"currency\": \"EUR\"}");
        send(TestCallers.TESTER, "/accounts", "{\"accountId\": \"" + destination + "\", \"currency\": \"EUR\"}");
        send(TestCallers.TESTER, "/accounts/" + source + "/deposits", "{\"amount\": 1000000, \"currency\": \"EUR\"}");

        List<String> transfers = new ArrayList<>();
        for (int i = 0; i < RACES; i++) {
            String id = source + "-t" + i;
            send(TestCallers.TESTER, "/transfers", "{\"transferId\": \"" + id + "\", \"sourceAccountId\": \"" + source
                    + "\", \"destinationAccountId\": \"" + destination + "\", \"amount\": 100, \"currency\": \"EUR\"}");
            transfers.add(id);
        }
        for (String id : transfers) {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> approval = RACERS.submit(() -> {
                start.await();
                return mvc.perform(post("/transfers/" + id + "/review").contentType(MediaType.APPLICATION_JSON)
                                          .header("Idempotency-Key", UUID.randomUUID().toString())
                                          .header(HttpHeaders.AUTHORIZATION,
                                                  TestCallers.bearer("reviewer", "ledger.compliance"))
                                          .content("{\"decision\": \"APPROVE\"}"))
                          .andReturn().getResponse().getStatus();
            });
            Future<?> expiry = RACERS.submit(() -> {
                start.await();
                try {
                    return commands.sendAndWait(new ExpireTransferReviewCommand(id));
                } catch (RuntimeException lostTheRace) {
                    return lostTheRace;
                }
            });
            start.countDown();
            approval.get(30, TimeUnit.SECONDS);
            expiry.get(30, TimeUnit.SECONDS);
        }

        for (String id : transfers) {
            assertThat(count(id, "%TransferCompletedEvent") + count(id, "%TransferRejectedEvent"))
                    .as("%s ended exactly once", id).isEqualTo(1);
            assertThat(countOn(source, id, "%HoldCapturedEvent") + countOn(source, id, "%HoldReleasedEvent"))
                    .as("%s's hold settled exactly once", id).isEqualTo(1);
        }
        long completed = transfers.stream().mapToLong(id -> count(id, "%TransferCompletedEvent")).sum();
        System.out.printf("raced %d reviews: %d approved first, %d expired first%n", RACES, completed,
                          RACES - completed);
        assertThat(balance(destination)).as("only completed transfers credited").isEqualTo(100 * completed);
        assertThat(balance(source)).isEqualTo(1_000_000 - 100 * completed);
    }

    private void send(String subject, String path, String body) throws Exception {
        int status = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                           .header("Idempotency-Key", UUID.randomUUID().toString())
                                           .content(body))
                        .andReturn().getResponse().getStatus();
        assertThat(status).as(path).isEqualTo(202);
    }

    private long count(String aggregate, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry "
                                   + "WHERE aggregate_identifier = ? AND payload_type LIKE ?", Long.class,
                                   aggregate, type);
    }

    private long countOn(String account, String transferId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry WHERE aggregate_identifier = ?"
                                   + " AND payload_type LIKE ? AND convert_from(payload, 'UTF8')::jsonb ->> 'transferId' = ?",
                                   Long.class, account, type, transferId);
    }

    private long balance(String account) {
        return jdbc.queryForList("""
                SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter')::bigint
                FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = ? AND convert_from(payload, 'UTF8')::jsonb ->> 'balanceAfter' IS NOT NULL
                ORDER BY sequence_number DESC LIMIT 1""", Long.class, account).stream().findFirst().orElse(0L);
    }
}
