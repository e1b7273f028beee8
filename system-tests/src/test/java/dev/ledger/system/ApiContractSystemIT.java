package dev.ledger.system;

import static dev.ledger.system.ContractStep.command;
import static dev.ledger.system.ContractStep.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.ledger.system.ContractCall.Exchange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract test: every operation of both reviewed documents ({@code shared-api/src/main/openapi}), called on
 * the running services with its own examples, and every request and real answer (status, headers, body) checked
 * against the document by swagger-request-validator. Every operation is also refused on purpose (no token, a role
 * it does not allow, unknown ids, broken input) and those answers are checked too: the refusals are half the
 * contract.
 * <p>
 * {@link #SCRIPT} calls the operations in an order in which each finds what it needs (the accounts before the
 * deposits, a transfer before its refund). A documented operation missing from it fails the build, so a new
 * endpoint cannot escape this test; so does a name in it that the documents do not have. Where a call must differ
 * from its example, the step says why.
 */
@ExtendWith(SharedLedger.class)
class ApiContractSystemIT {

    private static final List<ContractStep> SCRIPT = List.of(
            command("openAccount").by(DemoClient.TREASURY),
            command("openAccount").as("openPayee").by(DemoClient.HOLDER_2).keepingOnly("accountId", "currency")
                                  .field("accountId", "bob"),
            // the account closeAccount's example closes: it must hold nothing
            command("openAccount").as("openEmpty").by(DemoClient.HOLDER).keepingOnly("accountId", "currency")
                                  .field("accountId", "alice-savings"),
            command("depositMoney"),
            command("withdrawMoney"),
            // each read after a write waits for it with the write's consistency token, as the README tour does
            query("getAccount").with("after", answer("withdrawMoney", "consistencyToken")),
            query("listStatementEntries"),
            query("listAccounts"),
            command("requestTransfer"),
            query("getTransfer").with("after", answer("requestTransfer", "consistencyToken")),
            query("listTransfers"),
            // a transfer above the shared ledger's EUR 1,000.00 threshold waits for a reviewer; its review expires
            // after 3 s there, so the decision comes right after the request
            command("depositMoney").as("depositForReview").field("amount", 2_000_000),
            command("requestTransfer").as("requestReviewed").field("transferId", "t-3").field("amount", 1_500_000),
            command("reviewTransfer").with("transferId", "t-3"),
            // the accounts' If-Match example ("3") is a version from elsewhere in the README tour: here bob is at 2
            // before the freeze and alice-savings at 0 (the 412 it would answer is one of ClientErrorPathsSystemIT's)
            command("freezeAccount").without("If-Match"),
            command("unfreezeAccount").without("If-Match"),
            command("refundTransfer").by(DemoClient.HOLDER_2),
            command("placeAuthorization"),
            command("captureAuthorization"),
            command("voidAuthorization"),
            query("getAuthorization").with("after", answer("voidAuthorization", "consistencyToken")),
            query("listAccountAuthorizations"),
            query("getBalance").without("at"), // at or version, not both: the example shows both
            command("closeAccount").without("If-Match"),
            command("listUnsettledTransfers"),
            query("listProcessors"),
            query("getProcessor"),
            query("listDeadLetters"),
            query("retryDeadLetters"),
            query("evictDeadLetters").expecting(404, "the shared ledger has no parked letter to evict"),
            query("startReconciliation"),
            query("getReconciliationRun").with("runId", answer("startReconciliation", "runId"))
                                         .until(run -> !"RUNNING".equals(run.path("status").asText()),
                                                "the next class may start a run of its own"),
            query("listReconciliationRuns"),
            // a full rebuild: from the example's fromPosition (or fromTime), beyond this young ledger's head, the
            // processor would stay replaying until the head passes it
            query("replayProcessor").without("fromPosition").without("fromTime"),
            query("getProcessor").as("replayed").until(processor -> !processor.path("replaying").asBoolean(true),
                                                        "the next class reads this read model"));

    private static Map<String, ContractDocument> documents;
    private static Map<String, Integer> ports;

    @BeforeAll
    static void connect(LedgerSystem shared) {
        documents = Map.of("command-side", ContractDocument.reviewed("command-side"),
                           "query-side", ContractDocument.reviewed("query-side"));
        ports = Map.of("command-side", shared.commandPort(), "query-side", shared.queryPort());
    }

    @Test
    void shouldCallEveryDocumentedOperationAndNoOther() {
        Set<String> documented = documents.values().stream()
                                          .flatMap(d -> d.operations().keySet().stream()
                                                         .map(id -> d.service() + " " + id))
                                          .collect(Collectors.toCollection(TreeSet::new));
        Set<String> scripted = SCRIPT.stream().map(step -> step.service + " " + step.operationId)
                                     .collect(Collectors.toCollection(TreeSet::new));
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(documented).as("documented operations missing from SCRIPT (add each where its data exists)")
              .isSubsetOf(scripted);
        softly.assertThat(scripted).as("operations in SCRIPT that the documents do not have").isSubsetOf(documented);
        softly.assertAll();
    }

    @Test
    void shouldAnswerEveryOperationsExamplesAsDocumented() {
        ContractRunner runner = new ContractRunner(documents, ports, RunIds.fresh("ct"));
        SCRIPT.forEach(runner::run);
        assertThat(runner.findings().isEmpty()).as("%s", runner.findings()).isTrue();
    }

    @Test
    void shouldRefuseEveryOperationAsDocumented() {
        ContractRunner runner = new ContractRunner(documents, ports, RunIds.fresh("cr"));
        documents.values().forEach(document -> document.operations().values().forEach(runner::refuse));
        assertThat(runner.findings().isEmpty()).as("%s", runner.findings()).isTrue();
    }

    /** The checks can fail: a field, a status or a content type the document does not declare is reported. */
    @Test
    void shouldFindWhatTheDocumentDoesNotDeclare() {
        ContractDocument commands = documents.get("command-side");
        Request deposit = ContractCall.fromExamples(commands.operation("depositMoney"), RunIds.fresh("cx"))
                                      .asValidatorRequest();
        String accepted = "{\"id\":\"alice\",\"accountId\":\"alice\",\"version\":1,\"consistencyToken\":\"alice@1\"}";

        assertThat(keys(commands.validate(deposit, answer(202, "application/json", accepted)))).isEmpty();
        assertThat(keys(commands.validate(deposit, answer(202, "application/json",
                                                          accepted.replace("}", ",\"balance\":10000}")))))
                .contains("validation.response.body.schema.additionalProperties");
        assertThat(keys(commands.validate(deposit, answer(202, "application/json", "{\"id\":\"alice\"}"))))
                .contains("validation.response.body.schema.required");
        assertThat(keys(commands.validate(deposit, answer(418, "application/json", accepted))))
                .contains("validation.response.status.unknown");
        assertThat(keys(commands.validate(deposit, answer(202, "text/plain", "accepted"))))
                .contains("validation.response.contentType.notAllowed");
    }

    private static Response answer(int status, String contentType, String body) {
        return SimpleResponse.Builder.status(status).withContentType(contentType)
                                     .withHeader("X-Correlation-Id", "contract-self-test").withBody(body).build();
    }

    private static List<String> keys(ValidationReport report) {
        return report.getMessages().stream().map(ValidationReport.Message::getKey).toList();
    }

    /** A field of an earlier step's answer (e.g. the id the server generated for a run). */
    private static Function<Map<String, Exchange>, String> answer(String label, String field) {
        return answers -> {
            Exchange exchange = answers.get(label);
            if (exchange == null) {
                throw new IllegalStateException("step " + label + " has no answer to take " + field + " from");
            }
            return exchange.json().path(field).asText();
        };
    }
}
