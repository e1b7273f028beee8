package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.command.idempotency.CommandRequestFilter;
import dev.ledger.command.support.CommandSideIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Labels on accounts and transfers: stored in the opening and request events exactly as given, part of a transfer's
 * content when its id is resubmitted, and refused with nothing written when they break a bound.
 */
@CommandSideIntegrationTest
class MetadataIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventStore eventStore;

    @Test
    void shouldStoreAnAccountsLabelsInItsOpeningEvent() throws Exception {
        String account = id("acc");

        MvcResult opened = send("/accounts", key(), """
                {"accountId": "%s", "currency": "EUR", "metadata": {"customerId": "c-42", "note": "\\"VIP\\" ünï 😀"}}
                """.formatted(account));

        assertThat(opened.getResponse().getStatus()).isEqualTo(202);
        AccountOpenedEvent event = (AccountOpenedEvent) events(account).get(0).getPayload();
        assertThat(event.metadata()).isEqualTo(Map.of("customerId", "c-42", "note", "\"VIP\" ünï 😀"));
    }

    @Test
    void shouldStoreATransfersLabelsInItsRequestAndAnswerAnIdenticalResubmissionWithTheFirstResult() throws Exception {
        String source = fundedAccount();
        String destination = account();
        String transfer = id("tr");

        MvcResult first = send("/transfers", key(), transfer(transfer, source, destination,
                                                             "{\"orderId\": \"123\", \"channel\": \"web\"}"));
        assertThat(first.getResponse().getStatus()).isEqualTo(202);
        TransferRequestedEvent requested = (TransferRequestedEvent) events(transfer).get(0).getPayload();
        assertThat(requested.metadata()).isEqualTo(Map.of("orderId", "123", "channel", "web"));
        long eventsAfterFirst = eventCount();

        // the same content under a new key, the labels in another order: the first result, nothing new
        MvcResult again = send("/transfers", key(), transfer(transfer, source, destination,
                                                             "{\"channel\": \"web\", \"orderId\": \"123\"}"));

        assertThat(again.getResponse().getStatus()).isEqualTo(202);
        assertThat(json(again).get("version")).isEqualTo(json(first).get("version"));
        assertThat(eventCount()).isEqualTo(eventsAfterFirst);
    }

    @Test
    void shouldRefuseAResubmittedTransferIdWithOtherLabelsAsAConflict() throws Exception {
        String source = fundedAccount();
        String destination = account();
        String labelled = id("tr");
        String unlabelled = id("tr");
        assertThat(send("/transfers", key(), transfer(labelled, source, destination, "{\"orderId\": \"123\"}"))
                           .getResponse().getStatus()).isEqualTo(202);
        assertThat(send("/transfers", key(), transfer(unlabelled, source, destination, null))
                           .getResponse().getStatus()).isEqualTo(202);
        long events = eventCount();

        assertConflict(transfer(labelled, source, destination, "{\"orderId\": \"124\"}"));
        assertConflict(transfer(labelled, source, destination, null));
        assertConflict(transfer(labelled, source, destination, "{\"orderId\": \"123\", \"extra\": \"\"}"));
        assertConflict(transfer(unlabelled, source, destination, "{\"orderId\": \"123\"}"));
        // no labels and empty labels are the same content
        assertThat(send("/transfers", key(), transfer(unlabelled, source, destination, "{}"))
                           .getResponse().getStatus()).isEqualTo(202);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void shouldKeepAnsweringAReusedIdempotencyKeyWithOtherLabelsAsAnotherRequest() throws Exception {
        String source = fundedAccount();
        String destination = account();
        String transfer = id("tr");
        String key = key();
        assertThat(send("/transfers", key, transfer(transfer, source, destination, "{\"orderId\": \"123\"}"))
                           .getResponse().getStatus()).isEqualTo(202);

        MvcResult reused = send("/transfers", key, transfer(transfer, source, destination, "{\"orderId\": \"9\"}"));

        assertThat(reused.getResponse().getStatus()).isEqualTo(422);
        assertThat(json(reused).get("code").asText()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED.name());
    }

    @Test
    void shouldRefuseLabelsOutOfBoundsWithNothingWritten() throws Exception {
        String source = fundedAccount();
        String destination = account();
        StringBuilder seventeen = new StringBuilder("{");
        for (int i = 0; i < 17; i++) {
            seventeen.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
        }
        seventeen.append('}');
        List<String> broken = List.of(seventeen.toString(), "{\"bad key\": \"v\"}", "{\"\": \"v\"}",
                                      "{\"k\": \"" + "x".repeat(257) + "\"}",
                                      "{\"k\": \"line\\nbreak\"}", "{\"k\": 123}", "{\"k\": {\"nested\": \"v\"}}",
                                      "{\"k\": null}");
        long events = eventCount();

        for (String metadata : broken) {
            String account = id("acc");
            assertInvalid(send("/accounts", key(), """
                    {"accountId": "%s", "currency": "EUR", "metadata": %s}""".formatted(account, metadata)), metadata);
            String transfer = id("tr");
            assertInvalid(send("/transfers", key(), transfer(transfer, source, destination, metadata)), metadata);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_command.transfer_directory"
                                                   + " WHERE transfer_id = ?", Long.class, transfer)).isZero();
        }
        // a NUL or an unpaired surrogate in any text of a body is refused while it is read (platform's StorableText)
        for (String unstorable : List.of("{\"k\": \"a\\u0000b\"}", "{\"k\": \"\\ud83d\"}")) {
            MvcResult refused = send("/transfers", key(), transfer(id("tr"), source, destination, unstorable));
            assertThat(refused.getResponse().getStatus()).isEqualTo(400);
            assertThat(json(refused).get("code").asText()).isEqualTo(ErrorCode.MALFORMED_REQUEST.name());
        }
        // metadata that is not an object at all is a malformed body, still a 400 problem and not a 500
        for (String notAnObject : List.of("\"orderId=1\"", "[\"a\"]", "42")) {
            MvcResult refused = send("/transfers", key(), transfer(id("tr"), source, destination, notAnObject));
            assertThat(refused.getResponse().getStatus()).as(notAnObject).isEqualTo(400);
            assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    private void assertInvalid(MvcResult result, String metadata) throws Exception {
        assertThat(result.getResponse().getStatus()).as(metadata).isEqualTo(400);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(json(result).get("code").asText()).as(metadata).isEqualTo(ErrorCode.METADATA_INVALID.name());
    }

    private void assertConflict(String body) throws Exception {
        MvcResult result = send("/transfers", key(), body);
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(409);
        assertThat(json(result).get("code").asText()).isEqualTo(ErrorCode.TRANSFER_ID_CONFLICT.name());
    }

    private String account() throws Exception {
        String account = id("acc");
        assertThat(send("/accounts", key(), "{\"accountId\": \"" + account + "\", \"currency\": \"EUR\"}")
                           .getResponse().getStatus()).isEqualTo(202);
        return account;
    }

    private String fundedAccount() throws Exception {
        String account = account();
        assertThat(send("/accounts/" + account + "/deposits", key(), "{\"amount\": 1000, \"currency\": \"EUR\"}")
                           .getResponse().getStatus()).isEqualTo(202);
        return account;
    }

    private static String transfer(String id, String source, String destination, String metadata) {
        return "{\"transferId\": \"" + id + "\", \"sourceAccountId\": \"" + source + "\", \"destinationAccountId\": \""
                + destination + "\", \"amount\": 10, \"currency\": \"EUR\""
                + (metadata == null ? "" : ", \"metadata\": " + metadata) + "}";
    }

    private MvcResult send(String path, String key, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                     .header(CommandRequestFilter.KEY_HEADER, key).content(body))
                  .andReturn();
    }

    private List<? extends DomainEventMessage<?>> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_command.domain_event_entry", Long.class);
    }

    private static JsonNode json(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String key() {
        return "md-" + UUID.randomUUID();
    }
}
