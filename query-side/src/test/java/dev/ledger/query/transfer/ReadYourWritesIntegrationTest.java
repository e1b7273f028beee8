package dev.ledger.query.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.query.support.Callers;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Read-your-writes across read models: an {@code @<position>} token on every read endpoint, and the account
 * versions a completed transfer's view lists, each of which makes the account reads wait for the transfer's money.
 * Currencies of its own (AED, SAR, QAR): other classes assert on the system rows of theirs.
 */
class ReadYourWritesIntegrationTest extends QuerySideIntegrationTest {

    private static final String PROBLEMS = "https://ledger.dev/problems/";

    @Autowired
    private MockMvc http;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ObjectMapper json;

    @Test
    void shouldAnswerEveryReadProcessingUntilItsReadModelHasPassedThePosition() throws Exception {
        TransferProjectionIntegrationTest.Ids ids = new TransferProjectionIntegrationTest.Ids("AED");
        long beyond = head() + 1_000_000;

        // nothing is that far yet: every read says so, with the position it waited for, rather than answering
        for (String path : List.of("/accounts/" + ids.source, "/accounts/" + ids.source + "/entries", "/accounts",
                                   "/transfers/" + ids.transfer, "/transfers")) {
            http.perform(get(path).param("after", "@" + beyond).param("wait", "50"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.processing").value(true))
                .andExpect(jsonPath("$.awaitedPosition").value(beyond))
                .andExpect(jsonPath("$.items").doesNotExist())
                .andExpect(jsonPath("$.balance").doesNotExist());
        }

        DomainEvents events = new DomainEvents(TransferProjectionIntegrationTest.now(), "corr-position");
        TransferProjectionIntegrationTest.happyTransfer(events, ids);
        eventStore.publish(events.all());
        String token = "@" + head();

        // the same position, in the parameter or the header, on each read model: each waits for its own processor
        http.perform(get("/accounts/{id}", ids.destination).param("after", token).param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.balance").value(3_000))
            .andExpect(jsonPath("$.status").value("FROZEN"));
        http.perform(get("/accounts/{id}/entries", ids.source).header("X-Consistency-Token", token)
                                                                 .param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.items[*].balanceAfter").value(contains(7_000, 10_000)));
        http.perform(get("/accounts").param("after", token).param("wait", "10000").param("limit", "200"))
            .andExpect(jsonPath("$.processing").value(false));
        http.perform(get("/transfers/{id}", ids.transfer).param("after", token).param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.status").value("COMPLETED"));
        http.perform(get("/transfers").param("accountId", ids.source).param("after", token).param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.items[0].transferId").value(ids.transfer));
    }

    @Test
    void shouldListTheAccountVersionsACompletedTransferPostedAndWaitForThemOnTheAccounts() throws Exception {
        TransferProjectionIntegrationTest.Ids ids = new TransferProjectionIntegrationTest.Ids("SAR");
        DomainEvents events = new DomainEvents(TransferProjectionIntegrationTest.now(), "corr-versions");
        TransferProjectionIntegrationTest.happyTransfer(events, ids);
        eventStore.publish(events.all());

        JsonNode transfer = read("/transfers/" + ids.transfer + "?wait=10000&after=" + ids.transfer + "@"
                                 + events.versionOf(ids.transfer));
        assertThat(transfer.path("processing").asBoolean()).isFalse();
        // source: opened 0, deposit 1, hold 2, capture 3; destination: opened 0, credit 1 (the freeze is not the
        // transfer's)
        List<String> versions = new ArrayList<>();
        transfer.path("accountVersions").forEach(version -> versions.add(version.asText()));
        assertThat(versions).containsExactlyInAnyOrder(ids.source + "@3", ids.destination + "@1");
        String postings = transfer.path("postingsToken").asText();
        assertThat(postings).matches("@\\d+");

        for (String version : versions) {
            String account = version.substring(0, version.indexOf('@'));
            JsonNode read = read("/accounts/" + account + "?wait=10000&after=" + version);
            assertThat(read.path("processing").asBoolean()).isFalse();
            assertThat(read.path("version").asLong()).isGreaterThanOrEqualTo(
                    Long.parseLong(version.substring(version.indexOf('@') + 1)));
        }
        JsonNode destination = read("/accounts/" + ids.destination + "/entries?wait=10000&after=" + postings);
        assertThat(destination.path("processing").asBoolean()).isFalse();
        assertThat(destination.path("items").get(0).path("transferId").asText()).isEqualTo(ids.transfer);

        // a party sees its own account's version only
        http.perform(get("/transfers/{id}", ids.transfer).with(Callers.holder(ids.destinationOwner)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.accountVersions").value(contains(ids.destination + "@1")))
            .andExpect(jsonPath("$.postingsToken").value(postings));
    }

    @Test
    void shouldListNoAccountVersionsBeforeTheMoneyMoved() throws Exception {
        TransferProjectionIntegrationTest.Ids ids = new TransferProjectionIntegrationTest.Ids("QAR");
        DomainEvents events = new DomainEvents(TransferProjectionIntegrationTest.now(), "corr-none");
        events.transfer(ids.transfer, new dev.ledger.api.transfer.TransferRequestedEvent(
                ids.transfer, ids.source, ids.destination, new dev.ledger.api.Money(5, "QAR"), null, null, null,
                null));
        eventStore.publish(events.all());

        http.perform(get("/transfers/{id}", ids.transfer).param("after", ids.transfer + "@0").param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.accountVersions").isEmpty())
            .andExpect(jsonPath("$.postingsToken").doesNotExist());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@", "@x", "@-1", "@+1", "@1.5", "@9999999999999999999", "@@1", "acc@", "@ 1"})
    void shouldRejectAMalformedTokenOnEveryRead(String token) throws Exception {
        for (String path : List.of("/accounts/acc-1", "/accounts/acc-1/entries", "/accounts", "/transfers/tr-1",
                                   "/transfers")) {
            http.perform(get(path).param("after", token))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-consistency-token"));
            http.perform(get(path).header("X-Consistency-Token", token))
                .andExpect(status().isBadRequest());
        }
    }

    private JsonNode read(String uri) throws Exception {
        return json.readTree(http.perform(get(uri)).andExpect(status().isOk()).andReturn().getResponse()
                                 .getContentAsString());
    }

    private long head() {
        return eventStore.createHeadToken().position().orElse(0);
    }
}
