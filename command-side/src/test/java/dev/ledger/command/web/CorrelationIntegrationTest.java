package dev.ledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.support.CommandSideIntegrationTest;
import dev.ledger.command.support.TestCallers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every event a request causes carries the request's correlation id, the id of the message that directly caused it,
 * and who acted: an account opened and funded, then a transfer whose postings land on both accounts' streams.
 */
@CommandSideIntegrationTest
class CorrelationIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldStampEveryEventARequestCausesWithItsCorrelationIdItsCauseAndWhoActed() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        send("/accounts", "{\"accountId\": \"cor-a-" + run + "\", \"currency\": \"EUR\"}", "c-open-a-" + run);
        send("/accounts", "{\"accountId\": \"cor-b-" + run + "\", \"currency\": \"EUR\"}", "c-open-b-" + run);
        send("/accounts/cor-a-" + run + "/deposits", "{\"amount\": 500, \"currency\": \"EUR\"}", "c-dep-" + run);
        String correlation = "c-transfer-" + run;
        send("/transfers", "{\"transferId\": \"cor-t-" + run + "\", \"sourceAccountId\": \"cor-a-" + run
                           + "\", \"destinationAccountId\": \"cor-b-" + run + "\", \"amount\": 200, "
                           + "\"currency\": \"EUR\"}", correlation);

        List<Map<String, Object>> caused = jdbc.queryForList("""
                SELECT aggregate_identifier, event_identifier,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'causationId' AS causation,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' AS principal
                FROM ledger_command.domain_event_entry
                WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId' = ?""", correlation);
        assertThat(caused).extracting(row -> row.get("aggregate_identifier"))
                          .contains("cor-t-" + run, "cor-a-" + run, "cor-b-" + run);
        for (Map<String, Object> event : caused) {
            assertThat(event.get("causation")).as("%s", event).isNotNull()
                                              .isNotEqualTo(correlation).isNotEqualTo(event.get("event_identifier"));
            assertThat(event.get("principal")).as("%s", event).isEqualTo(TestCallers.TESTER);
        }
    }

    private void send(String path, String body, String correlationId) throws Exception {
        int status = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                           .header("Idempotency-Key", UUID.randomUUID().toString())
                                           .header("X-Correlation-Id", correlationId).content(body))
                        .andReturn().getResponse().getStatus();
        assertThat(status).as(path).isEqualTo(202);
    }
}
