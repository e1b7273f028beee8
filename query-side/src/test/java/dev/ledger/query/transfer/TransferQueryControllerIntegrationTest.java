package dev.ledger.query.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.Money;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.query.freshness.FreshnessGate;
import dev.ledger.query.freshness.ReadModelCommits;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * (d) The transfer query API over HTTP (MockMvc) on the real application: events go through the event store and
 * the processors, and the answers say how fresh they are.
 */
class TransferQueryControllerIntegrationTest extends QuerySideIntegrationTest {

    private static final String PROBLEMS = "https://ledger.dev/problems/";

    @Autowired
    private MockMvc http;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private FreshnessGate gate;
    @Autowired
    private ReadModelCommits commits;

    @Test
    void shouldAnswerProcessingRatherThanNotFoundForAnAcceptedTransferUntilItIsProjected() throws Exception {
        TransferProjectionIntegrationTest.Ids ids = new TransferProjectionIntegrationTest.Ids("USD");
        DomainEvents events = new DomainEvents(TransferProjectionIntegrationTest.now(), "corr-http");
        TransferProjectionIntegrationTest.happyTransfer(events, ids);
        String token = ids.transfer + "@" + events.versionOf(ids.transfer);

        // the command side accepted it, the read model has nothing yet
        http.perform(get("/transfers/{id}", ids.transfer).param("after", token))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.transferId").value(ids.transfer))
            .andExpect(jsonPath("$.processing").value(true))
            .andExpect(jsonPath("$.reachedVersion").value(-1))
            .andExpect(jsonPath("$.awaitedVersion").value(2));
        // without a token an unknown transfer is just unknown
        http.perform(get("/transfers/{id}", ids.transfer))
            .andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(PROBLEMS + "transfer-not-found"));

        eventStore.publish(events.all());

        http.perform(get("/transfers/{id}", ids.transfer).param("after", token).param("wait", "10000"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.position").isNumber())
            .andExpect(jsonPath("$.transferId").value(ids.transfer))
            .andExpect(jsonPath("$.sourceAccountId").value(ids.source))
            .andExpect(jsonPath("$.destinationAccountId").value(ids.destination))
            .andExpect(jsonPath("$.amount").value(3_000))
            .andExpect(jsonPath("$.currency").value("USD"))
            .andExpect(jsonPath("$.status").value("COMPLETED"))
            .andExpect(jsonPath("$.version").value(2))
            .andExpect(jsonPath("$.correlationId").value("corr-http"))
            .andExpect(jsonPath("$.requestedBy").value(ids.sourceOwner))
            .andExpect(jsonPath("$.screening.decision").value("PASSED"))
            .andExpect(jsonPath("$.steps[*].status").value(contains(
                    "REQUESTED", "SCREENING", "FUNDS_RESERVED", "DESTINATION_CREDITED", "SOURCE_DEBITED",
                    "COMPLETED")))
            .andExpect(jsonPath("$.steps[0].at").isString());
        // the same token in the header
        http.perform(get("/transfers/{id}", ids.transfer).header("X-Consistency-Token", token))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.status").value("COMPLETED"));
    }

    @Test
    void shouldSayHowFarTheReadModelGotWhileItIsBehindTheToken() throws Exception {
        String transferId = "tr-" + UUID.randomUUID();
        DomainEvents events = new DomainEvents(TransferProjectionIntegrationTest.now(), "corr-behind");
        events.transfer(transferId, new TransferRequestedEvent(transferId, "a-" + transferId, "b-" + transferId,
                                                               new Money(10, "USD"), null, null, null, null));
        events.transfer(transferId, new TransferScreenedEvent(transferId, ScreeningDecision.REVIEW, List.of()));
        eventStore.publish(events.all());
        http.perform(get("/transfers/{id}", transferId).param("after", transferId + "@1").param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.status").value("IN_REVIEW"));

        // version 2 would be the review decision, which has not happened (or not been projected) yet
        http.perform(get("/transfers/{id}", transferId).param("after", transferId + "@2").param("wait", "50"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.processing").value(true))
            .andExpect(jsonPath("$.reachedVersion").value(1))
            .andExpect(jsonPath("$.awaitedVersion").value(2))
            .andExpect(jsonPath("$.status").doesNotExist());
    }

    @Test
    void shouldAnswerAtOnceThatItIsProcessingWhileAsManyReadsAsAllowedAlreadyWait() throws Exception {
        // the tests' cap is one waiting read (QuerySideIntegrationTest)
        String transferId = "tr-" + UUID.randomUUID();
        String token = transferId + "@1";
        CompletableFuture<MvcResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return http.perform(get("/transfers/{id}", transferId).param("after", token).param("wait", "10000"))
                           .andReturn();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == 1);

        long started = System.nanoTime();
        http.perform(get("/transfers/{id}", transferId).param("after", token).param("wait", "10000"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.processing").value(true))
            .andExpect(jsonPath("$.reachedVersion").value(-1))
            .andExpect(jsonPath("$.awaitedVersion").value(1));
        // it did not wait its 10 s for the read model (which has nothing yet) as the first read still does
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(waiting).isNotDone();

        DomainEvents events = new DomainEvents(TransferProjectionIntegrationTest.now(), "corr-cap");
        events.transfer(transferId, new TransferRequestedEvent(transferId, "a-" + transferId, "b-" + transferId,
                                                               new Money(10, "USD"), null, null, null, null));
        events.transfer(transferId, new TransferScreenedEvent(transferId, ScreeningDecision.REVIEW, List.of()));
        CompletableFuture<Void> commit = commits.next();
        eventStore.publish(events.all());
        // the processors signal their commits, and the waiting read wakes on them
        commit.get(10, TimeUnit.SECONDS);
        JsonNode first = json.readTree(waiting.get(10, TimeUnit.SECONDS).getResponse().getContentAsString());
        assertThat(first.get("processing").asBoolean()).isFalse();
        assertThat(first.get("status").asText()).isEqualTo("IN_REVIEW");
    }

    @Test
    void shouldRefuseMalformedTransferRequestsAsProblems() throws Exception {
        expectProblem("/transfers/tr-1?after=other@1", "invalid-consistency-token");
        expectProblem("/transfers/tr-1?after=tr-1@x", "invalid-consistency-token");
        expectProblem("/transfers/tr-1?wait=-1", "validation-failed");
        expectProblem("/transfers/bad$id", "validation-failed");
        expectProblem("/transfers?status=DONE", "validation-failed");
        expectProblem("/transfers?status=completed", "validation-failed");
        expectProblem("/transfers?cursor=!!!", "validation-failed");
        expectProblem("/transfers?cursor=" + "QUFB", "validation-failed");
        expectProblem("/transfers?limit=0", "validation-failed");
        expectProblem("/transfers?limit=201", "validation-failed");
        expectProblem("/transfers?limit=ten", "validation-failed");
        expectProblem("/transfers?accountId=bad$id", "validation-failed");
    }

    @Test
    void shouldListAnAccountsTransfersNewestFirstPageByPage() throws Exception {
        TransferProjectionIntegrationTest.Ids first = new TransferProjectionIntegrationTest.Ids("JPY");
        DomainEvents events = new DomainEvents(TransferProjectionIntegrationTest.now(), "corr-list");
        TransferProjectionIntegrationTest.happyTransfer(events, first);
        // a second, later transfer from the same source, still screening
        String second = first.transfer + "-2";
        events.transfer(second, new TransferRequestedEvent(second, first.source, "elsewhere-" + first.suffix,
                                                           new Money(5, "JPY"), null, null, null, null));
        eventStore.publish(events.all());
        http.perform(get("/transfers/{id}", second).param("after", second + "@0").param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false));
        http.perform(get("/transfers/{id}", first.transfer).param("after", first.transfer + "@2")
                                                            .param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false));

        JsonNode page1 = read(http.perform(get("/transfers").param("accountId", first.source).param("limit", "1"))
                                  .andExpect(status().isOk())
                                  .andExpect(jsonPath("$.processing").value(false))
                                  .andExpect(jsonPath("$.items[*].transferId").value(contains(second)))
                                  .andReturn().getResponse().getContentAsString());
        String cursor = page1.get("nextCursor").asText();
        http.perform(get("/transfers").param("accountId", first.source).param("limit", "1").param("cursor", cursor))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].transferId").value(contains(first.transfer)))
            .andExpect(jsonPath("$.items[0].steps[5].status").value("COMPLETED"))
            .andExpect(jsonPath("$.nextCursor").value(nullValue()));

        // the destination sees only the transfer it received; a status filter narrows further
        http.perform(get("/transfers").param("accountId", first.destination))
            .andExpect(jsonPath("$.items[*].transferId").value(contains(first.transfer)));
        http.perform(get("/transfers").param("accountId", first.source).param("status", "COMPLETED"))
            .andExpect(jsonPath("$.items[*].transferId").value(contains(first.transfer)));
        http.perform(get("/transfers").param("accountId", first.source).param("status", "REQUESTED"))
            .andExpect(jsonPath("$.items[*].transferId").value(contains(second)));
        // a token makes the list wait for that transfer (narrowed to its account: other tests' transfers share
        // this database, and a page of the newest fifty need not reach back to it)
        http.perform(get("/transfers").param("accountId", first.source).param("status", "COMPLETED")
                                      .param("after", first.transfer + "@2"))
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.items[*].transferId").value(org.hamcrest.Matchers.hasItem(first.transfer)));
        http.perform(get("/transfers").param("after", first.transfer + "@9").param("wait", "0"))
            .andExpect(jsonPath("$.processing").value(true))
            .andExpect(jsonPath("$.items").doesNotExist());
    }

    private void expectProblem(String uri, String slug) throws Exception {
        http.perform(get(uri))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(PROBLEMS + slug))
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString("Exception"))));
    }

    private JsonNode read(String body) throws Exception {
        JsonNode node = json.readTree(body);
        assertThat(node.get("nextCursor").isTextual()).isTrue();
        return node;
    }
}
