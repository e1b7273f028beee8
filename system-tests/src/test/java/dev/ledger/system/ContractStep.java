package dev.ledger.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledger.system.ContractCall.Exchange;
import dev.ledger.system.ContractDocument.DocumentedOperation;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One call of the contract test's script: an operation with its own examples, and only where the shared ledger
 * needs it, a change to them, each change saying why. Example-like values given here (README ids such as
 * {@code bob}) get this run's prefix like the examples' own; values taken from an earlier answer are sent as they
 * are.
 */
final class ContractStep {

    final String service;
    final String operationId;
    String label;
    DemoClient caller;
    Integer expectedStatus;
    String why;
    Predicate<JsonNode> until;
    final Map<String, String> parameters = new LinkedHashMap<>();
    final Map<String, Function<Map<String, Exchange>, String>> parametersFromAnswers = new LinkedHashMap<>();
    final Set<String> omitted = new LinkedHashSet<>();
    final Map<String, Object> bodyFields = new LinkedHashMap<>();
    final Set<String> bodyFieldsKept = new LinkedHashSet<>();

    private ContractStep(String service, String operationId) {
        this.service = service;
        this.operationId = operationId;
        this.label = operationId;
    }

    static ContractStep command(String operationId) {
        return new ContractStep("command-side", operationId);
    }

    static ContractStep query(String operationId) {
        return new ContractStep("query-side", operationId);
    }

    /** A name for this call, for later steps that take a value from its answer. */
    ContractStep as(String label) {
        this.label = label;
        return this;
    }

    /** The demo client calling (by default the first holding the first scope the operation names). */
    ContractStep by(DemoClient caller) {
        this.caller = caller;
        return this;
    }

    /** A parameter (path, query or header) other than its example, as an example-like value. */
    ContractStep with(String parameter, String value) {
        parameters.put(parameter, value);
        return this;
    }

    ContractStep with(String parameter, Function<Map<String, Exchange>, String> fromAnswers) {
        parametersFromAnswers.put(parameter, fromAnswers);
        return this;
    }

    /** An optional parameter whose example is not sent (e.g. an {@code If-Match} version this script cannot know). */
    ContractStep without(String parameter) {
        omitted.add(parameter);
        return this;
    }

    /** A body field other than in the example, as an example-like value (a string or a number). */
    ContractStep field(String name, Object value) {
        bodyFields.put(name, value);
        return this;
    }

    /** Only these fields of the example body (the others are removed). */
    ContractStep keepingOnly(String... fields) {
        bodyFieldsKept.addAll(List.of(fields));
        return this;
    }

    /** The status this call must answer, when it is not a success on purpose. */
    ContractStep expecting(int status, String why) {
        this.expectedStatus = status;
        this.why = why;
        return this;
    }

    /** Repeats the call (each answer validated) until its body satisfies the condition. */
    ContractStep until(Predicate<JsonNode> condition, String why) {
        this.until = condition;
        this.why = why;
        return this;
    }

    /** The call: the operation's examples with this step's changes, ids of this run. */
    ContractCall call(DocumentedOperation operation, RunIds ids, Map<String, Exchange> answers) {
        ContractCall call = ContractCall.fromExamples(operation, ids);
        omitted.forEach(name -> {
            call.query.remove(name);
            call.headers.remove(name);
        });
        parameters.forEach((name, value) -> put(call, name, ids.rewrite(name, value)));
        parametersFromAnswers.forEach((name, source) -> put(call, name, source.apply(answers)));
        if (!bodyFieldsKept.isEmpty() || !bodyFields.isEmpty()) {
            ObjectNode body = call.bodyObject();
            if (!bodyFieldsKept.isEmpty()) {
                body.retain(bodyFieldsKept);
            }
            bodyFields.forEach((name, value) -> {
                if (value instanceof Number number) {
                    body.put(name, number.longValue());
                } else {
                    body.put(name, ids.rewrite(name, String.valueOf(value)));
                }
            });
        }
        return call;
    }

    private static void put(ContractCall call, String name, String value) {
        boolean inPath = call.operation.hasParameter("path", name);
        boolean inHeader = call.operation.hasParameter("header", name);
        if (inPath) {
            call.pathParameters.put(name, value);
        } else if (inHeader) {
            call.headers.put(name, value);
        } else {
            call.query.put(name, List.of(value));
        }
        call.missingExamples.removeIf(missing -> missing.contains(" " + name + " has no example"));
    }

    @Override
    public String toString() {
        return service + " " + label;
    }
}
