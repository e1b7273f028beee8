package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.command.support.CommandSideIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A review deadline whose execution fails as a whole (PostgreSQL restarted under it: the saga could not be read,
 * the retry it arms is rolled back with it) was run again by db-scheduler only five minutes later, and the fault
 * suite found reviews open long past their timeout. The retry now comes within seconds. An expiry command that
 * fails while the deadline's execution succeeds is retried by the process itself.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = {
        "ledger.screening.amount-thresholds.EUR=1000",
        "ledger.screening.review-timeout=1s"
})
class ReviewExpiryRetryIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private CommandBus commandBus;
    @Autowired
    private DeadlineManager deadlines;

    @Test
    void shouldExpireAReviewWithinSecondsWhenTheDeadlinesFirstExecutionFails() throws Exception {
        AtomicInteger failed = new AtomicInteger();
        Registration failOnce = deadlines.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (failed.getAndIncrement() == 0) {
                throw new CannotGetJdbcConnectionException("the database is restarting");
            }
            return chain.proceed();
        });
        try {
            expireAReview(failed);
        } finally {
            failOnce.cancel();
        }
    }

    @Test
    void shouldExpireAReviewWithinSecondsWhenTheFirstExpiryCommandFails() throws Exception {
        AtomicInteger failed = new AtomicInteger();
        Registration failOnce = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ExpireTransferReviewCommand
                    && failed.getAndIncrement() == 0) {
                throw new ConcurrencyException("another node appended to the transfer first");
            }
            return chain.proceed();
        });
        try {
            expireAReview(failed);
        } finally {
            failOnce.cancel();
        }
    }

    private void expireAReview(AtomicInteger attempts) throws Exception {
        {
            String run = UUID.randomUUID().toString().substring(0, 8);
            String source = "exp-src-" + run;
            String destination = "exp-dst-" + run;
            String transfer = "exp-t-" + run;
            send("/accounts", "{\"accountId\": \"" + source + "\", \"currency\": \"EUR\"}");
            send("/accounts", "{\"accountId\": \"" + destination + "\", \"currency\": \"EUR\"}");
            send("/accounts/" + source + "/deposits", "{\"amount\": 100000, \"currency\": \"EUR\"}");
            send("/transfers", "{\"transferId\": \"" + transfer + "\", \"sourceAccountId\": \"" + source
                               + "\", \"destinationAccountId\": \"" + destination
                               + "\", \"amount\": 5000, \"currency\": \"EUR\"}");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM ledger_command.domain_event_entry
                    WHERE aggregate_identifier = ? AND payload_type LIKE '%TransferRejectedEvent'
                      AND convert_from(payload, 'UTF8')::jsonb ->> 'reason' = 'REVIEW_TIMED_OUT'""",
                    Long.class, transfer)).isEqualTo(1));
            assertThat(attempts).as("expiries attempted").hasValueGreaterThanOrEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry WHERE "
                                           + "aggregate_identifier = ? AND payload_type LIKE '%HoldReleasedEvent'",
                                           Long.class, source)).isEqualTo(1);
        }
    }

    private void send(String path, String body) throws Exception {
        int status = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                           .header("Idempotency-Key", UUID.randomUUID().toString()).content(body))
                        .andReturn().getResponse().getStatus();
        assertThat(status).as(path).isEqualTo(202);
    }
}
