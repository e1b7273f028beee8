package dev.ledger.system;

import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.model.Request;
import dev.ledger.system.ContractCall.Exchange;
import dev.ledger.system.ContractDocument.DocumentedOperation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Makes the contract test's calls against the running services and validates each request and answer against the
 * reviewed document of the service called: the script's calls (which must succeed, or answer what the step says),
 * and for every operation the refusals a caller can provoke on purpose.
 */
final class ContractRunner {

    /** Query parameters that make a read wait for a token; an unknown id's read must answer at once. */
    private static final Set<String> WAITING = Set.of("after", "wait", "X-Consistency-Token");

    private final Map<String, ContractDocument> documents;
    private final Map<String, Integer> ports;
    private final RunIds ids;
    private final ContractFindings findings = new ContractFindings();
    private final Map<String, Exchange> answers = new LinkedHashMap<>();

    ContractRunner(Map<String, ContractDocument> documents, Map<String, Integer> ports, RunIds ids) {
        this.documents = documents;
        this.ports = ports;
        this.ids = ids;
    }

    ContractFindings findings() {
        return findings;
    }

    /** One step of the script: its call (repeated while its condition is not met), validated, its status checked. */
    void run(ContractStep step) {
        DocumentedOperation operation = documents.get(step.service).operations().get(step.operationId);
        if (operation == null) {
            findings.add(step + ": the " + step.service + " document has no operation " + step.operationId);
            return;
        }
        List<String> scopes = operation.scopes();
        if (scopes.isEmpty()) {
            findings.add(operation + " names no security requirement");
            return;
        }
        DemoClient caller = step.caller != null ? step.caller : DemoClient.withScope(scopes.get(0));
        if (!scopes.contains(caller.scope())) {
            findings.add(step + ": called by " + caller.clientId() + " (" + caller.scope() + "), but the document "
                         + "allows only " + scopes);
        }
        ContractCall call = step.call(operation, ids, answers);
        if (!call.missingExamples.isEmpty()) {
            findings.add(operation + " cannot be called from its examples: " + call.missingExamples);
            return;
        }
        call.headers.put("Authorization", caller.bearer());
        Exchange exchange = step.until == null ? validated(step, call) : repeated(step, call);
        if (exchange == null) {
            return;
        }
        boolean expected = step.expectedStatus != null ? exchange.status() == step.expectedStatus
                                                       : exchange.status() / 100 == 2;
        if (!expected) {
            findings.add(step + " answered " + exchange.status() + " where the script expects "
                         + (step.expectedStatus != null ? step.expectedStatus + " (" + step.why + ")" : "a success")
                         + ": " + exchange);
        }
        answers.put(step.label, exchange);
    }

    private Exchange validated(Object where, ContractCall call) {
        Exchange exchange = call.send(ports.get(call.operation.service()));
        ContractDocument document = documents.get(call.operation.service());
        findings.add(where, exchange, document.validate(call.asValidatorRequest(), exchange.asValidatorResponse()));
        return exchange;
    }

    private Exchange repeated(ContractStep step, ContractCall call) {
        try {
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                          .until(() -> validated(step, call), exchange -> step.until.test(exchange.json()));
        } catch (ConditionTimeoutException e) {
            findings.add(step + " did not reach its condition (" + step.why + ") within 60 s");
            return null;
        }
    }

    /**
     * The refusals every operation must answer as documented: without a token (401), with a token of a role the
     * operation does not allow (403), for ids that do not exist, and with input that breaks its schema (a body
     * without its required fields, a word for a number). Ids are this run's unknown ones, so nothing is written even
     * if a refusal fails to come. The requests are wrong on purpose; only the answers are validated.
     */
    void refuse(DocumentedOperation operation) {
        ContractCall unauthenticated = withUnknownIds(operation);
        expectRefusal(operation, "without a token", unauthenticated, Set.of(401));

        Optional<DemoClient> outsider = Arrays.stream(DemoClient.values())
                                              .filter(client -> !operation.scopes().contains(client.scope()))
                                              .findFirst();
        outsider.ifPresent(client -> {
            ContractCall call = withUnknownIds(operation);
            call.headers.put("Authorization", client.bearer());
            expectRefusal(operation, "as " + client.clientId() + " (" + client.scope() + ")", call, Set.of(403));
        });

        DemoClient insider = operation.scopes().isEmpty() ? DemoClient.HOLDER
                                                           : DemoClient.withScope(operation.scopes().get(0));
        if (operation.parameters().stream().anyMatch(p -> "path".equals(p.getIn()))) {
            ContractCall call = withUnknownIds(operation);
            WAITING.forEach(name -> {
                call.query.remove(name);
                call.headers.remove(name);
            });
            call.headers.put("Authorization", insider.bearer());
            // an operation that documents no 404 takes its path id as a filter: an unknown one lists nothing
            boolean answersNotFound = operation.operation().getResponses().containsKey("404");
            expectRefusal(operation, "for unknown ids", call, answersNotFound ? clientErrors() : Set.of(200));
        }
        if (requiresBodyFields(operation)) {
            ContractCall call = withUnknownIds(operation);
            call.body = ContractCall.emptyObject();
            call.headers.put("Authorization", insider.bearer());
            expectRefusal(operation, "with an empty body", call, clientErrors());
        }
        for (Parameter parameter : operation.parameters()) {
            if ("query".equals(parameter.getIn()) && parameter.getSchema() != null
                && "integer".equals(parameter.getSchema().getType())) {
                ContractCall call = withUnknownIds(operation);
                call.query.put(parameter.getName(), List.of("not-a-number"));
                call.headers.put("Authorization", insider.bearer());
                expectRefusal(operation, "with ?" + parameter.getName() + "=not-a-number", call, Set.of(400));
            }
        }
    }

    /** The operation's example call, every path id replaced by one that exists nowhere. */
    private ContractCall withUnknownIds(DocumentedOperation operation) {
        ContractCall call = ContractCall.fromExamples(operation, ids);
        operation.parameters().stream().filter(p -> "path".equals(p.getIn()))
                 .forEach(p -> call.pathParameters.put(p.getName(), ids.id("unknown")));
        if (call.body == null && operation.takesBody()) {
            call.body = ContractCall.emptyObject();
        }
        return call;
    }

    private static boolean requiresBodyFields(DocumentedOperation operation) {
        if (!operation.takesBody() || operation.operation().getRequestBody().getContent() == null) {
            return false;
        }
        var json = operation.operation().getRequestBody().getContent().get("application/json");
        Schema<?> schema = json == null ? null : json.getSchema();
        return schema != null && schema.getRequired() != null && !schema.getRequired().isEmpty();
    }

    /** Refused for what it asked, not for who asked or how often. */
    private static Set<Integer> clientErrors() {
        return Set.of(400, 404, 409, 412, 422);
    }

    private void expectRefusal(DocumentedOperation operation, String how, ContractCall call, Set<Integer> statuses) {
        Exchange exchange = call.send(ports.get(operation.service()));
        Request request = call.asValidatorRequest();
        ContractDocument document = documents.get(operation.service());
        String where = operation + " " + how;
        findings.add(where, exchange, document.validateResponse(request, exchange.asValidatorResponse()));
        if (!statuses.contains(exchange.status())) {
            findings.add(where + " answered " + exchange.status() + ", expected one of " + new ArrayList<>(statuses)
                         + ": " + exchange);
        }
    }
}
