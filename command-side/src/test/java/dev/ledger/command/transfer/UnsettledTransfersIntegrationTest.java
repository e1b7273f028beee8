package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.screening.ScreeningProperties;
import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 10, defect 5: a transfer whose review deadline was lost (here: its hour has not come, and the sweep is
 * asked two hours later) is found as overdue, listed for operators, and ended by the sweep; transfers that ended
 * are never listed.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = {
        "ledger.screening.amount-thresholds.EUR=1000",
        "ledger.screening.review-timeout=1h"
})
class UnsettledTransfersIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private TransferDirectory directory;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private ScreeningProperties screening;
    @Autowired
    private TransferSettings settings;

    @Test
    void shouldListAndEndAReviewWhoseDeadlineWasLostAndNeverListEndedTransfers() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "uns-src-" + run;
        String destination = "uns-dst-" + run;
        send("/accounts", "{\"accountId\": \"" + source + "\", \"currency\": \"EUR\"}");
        send("/accounts", "{\"accountId\": \"" + destination + "\", \"currency\": \"EUR\"}");
        send("/accounts/" + source + "/deposits", "{\"amount\": 100000, \"currency\": \"EUR\"}");
        String ended = "uns-ok-" + run;
        String stuck = "uns-stuck-" + run;
        send("/transfers", transfer(ended, source, destination, 10));
        send("/transfers", transfer(stuck, source, destination, 5000));

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        UnsettledTransfers later = new UnsettledTransfers(directory, commands, screening, settings, meters,
                                                          twoHoursLater);
        assertThat(later.requestedBefore(later.overdueBefore(), 100))
                .extracting(TransferDirectory.Unsettled::transferId).contains(stuck).doesNotContain(ended);

        JsonNode listed = json.readTree(mvc.perform(get("/admin/transfers/unsettled").param("olderThan", "PT0S")
                                                            .header(HttpHeaders.AUTHORIZATION,
                                                                    TestCallers.bearer("op", "ledger.operator")))
                                           .andReturn().getResponse().getContentAsString());
        assertThat(listed.findValuesAsText("transferId")).contains(stuck).doesNotContain(ended);

        later.sweep();

        assertThat(meters.get("ledger.transfers.overdue").gauge().value()).isGreaterThanOrEqualTo(1.0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM ledger_command.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TransferRejectedEvent'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'reason' = 'REVIEW_TIMED_OUT'
                  AND convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' = 'ledger:sweeper'""",
                Long.class, stuck)).isEqualTo(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry WHERE "
                                       + "aggregate_identifier = ? AND payload_type LIKE '%HoldReleasedEvent'",
                                       Long.class, source)).isEqualTo(1);
        assertThat(directory.unsettledSince(Instant.now().plus(Duration.ofDays(1)), 1000))
                .extracting(TransferDirectory.Unsettled::transferId).doesNotContain(stuck, ended);
    }

    private void send(String path, String body) throws Exception {
        int status = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                           .header("Idempotency-Key", UUID.randomUUID().toString()).content(body))
                        .andReturn().getResponse().getStatus();
        assertThat(status).as(path).isEqualTo(202);
    }

    private static String transfer(String id, String source, String destination, long amount) {
        return "{\"transferId\": \"" + id + "\", \"sourceAccountId\": \"" + source + "\", \"destinationAccountId\": \""
                + destination + "\", \"amount\": " + amount + ", \"currency\": \"EUR\"}";
    }
}
