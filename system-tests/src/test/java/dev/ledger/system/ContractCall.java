package dev.ledger.system;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledger.system.ContractDocument.DocumentedOperation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One concrete call of a documented operation, built from the operation's own examples (its parameters' and its
 * request body's), with this run's ids and a fresh {@code Idempotency-Key} where the operation takes one. It is sent
 * over HTTP as is, and handed to the validator in the same form, so what is validated is what went over the wire.
 */
final class ContractCall {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                     .connectTimeout(Duration.ofSeconds(2)).build();

    final DocumentedOperation operation;
    final Map<String, String> pathParameters = new LinkedHashMap<>();
    final Map<String, List<String>> query = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    JsonNode body;
    /** What the document lacks to make this call (a required parameter or body without an example). */
    final List<String> missingExamples = new ArrayList<>();

    private ContractCall(DocumentedOperation operation) {
        this.operation = operation;
    }

    /** The call the operation's examples describe, with this run's ids; an optional parameter only if exemplified. */
    static ContractCall fromExamples(DocumentedOperation operation, RunIds ids) {
        ContractCall call = new ContractCall(operation);
        for (Parameter parameter : operation.parameters()) {
            String name = parameter.getName();
            if ("header".equals(parameter.getIn()) && IDEMPOTENCY_KEY.equalsIgnoreCase(name)) {
                call.headers.put(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
                continue;
            }
            Object example = example(parameter);
            if (example == null) {
                if (Boolean.TRUE.equals(parameter.getRequired())) {
                    call.missingExamples.add("parameter " + parameter.getIn() + " " + name + " has no example");
                }
                continue;
            }
            List<String> values = values(example).stream().map(value -> ids.rewrite(name, value)).toList();
            switch (parameter.getIn()) {
                case "path" -> call.pathParameters.put(name, values.get(0));
                case "query" -> call.query.put(name, values);
                case "header" -> call.headers.put(name, values.get(0));
                default -> call.missingExamples.add("parameter in " + parameter.getIn() + " cannot be sent here");
            }
        }
        if (operation.takesBody()) {
            MediaType json = operation.operation().getRequestBody().getContent() == null ? null
                    : operation.operation().getRequestBody().getContent().get("application/json");
            Object example = json == null ? null : example(json);
            if (example != null) {
                call.body = ids.rewrite(JSON.valueToTree(example));
            } else if (Boolean.TRUE.equals(operation.operation().getRequestBody().getRequired())) {
                call.missingExamples.add("the request body has no application/json example");
            }
        }
        return call;
    }

    /** An example's values as sent: one for a scalar, one per item for an array (a repeated query parameter). */
    private static List<String> values(Object example) {
        JsonNode node = JSON.valueToTree(example);
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> values.add(item.isValueNode() ? item.asText() : item.toString()));
        } else {
            values.add(node.isValueNode() ? node.asText() : node.toString());
        }
        return values;
    }

    private static Object example(Parameter parameter) {
        if (parameter.getExample() != null) {
            return parameter.getExample();
        }
        if (parameter.getExamples() != null && !parameter.getExamples().isEmpty()) {
            return parameter.getExamples().values().iterator().next().getValue();
        }
        return parameter.getSchema() == null ? null : parameter.getSchema().getExample();
    }

    private static Object example(MediaType media) {
        if (media.getExample() != null) {
            return media.getExample();
        }
        if (media.getExamples() != null && !media.getExamples().isEmpty()) {
            Example first = media.getExamples().values().iterator().next();
            return first.getValue();
        }
        return media.getSchema() == null ? null : media.getSchema().getExample();
    }

    static ObjectNode emptyObject() {
        return JSON.createObjectNode();
    }

    ObjectNode bodyObject() {
        if (!(body instanceof ObjectNode object)) {
            throw new IllegalStateException(operation + " has no example body object to change");
        }
        return object;
    }

    String path() {
        String path = operation.path();
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
        }
        return path;
    }

    private String queryString() {
        return query.entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(value -> encode(e.getKey()) + "=" + encode(value)))
                    .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Request asValidatorRequest() {
        SimpleRequest.Builder request = new SimpleRequest.Builder(operation.method().toUpperCase(Locale.ROOT),
                                                                  path());
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (body != null) {
            request.withContentType("application/json").withBody(body.toString());
        }
        return request.build();
    }

    Exchange send(int port) {
        String query = queryString();
        URI uri = URI.create("http://localhost:" + port + path() + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                                 .method(operation.method().toUpperCase(Locale.ROOT),
                                                         body == null ? HttpRequest.BodyPublishers.noBody()
                                                                      : HttpRequest.BodyPublishers.ofString(
                                                                              body.toString()));
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Exchange(this, response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(operation + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        String query = queryString();
        return operation.method().toUpperCase(Locale.ROOT) + " " + path() + (query.isEmpty() ? "" : "?" + query)
               + (body == null ? "" : " " + body);
    }

    /** A call and its real answer. */
    record Exchange(ContractCall call, int status, Map<String, List<String>> headers, String body) {

        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }

        Response asValidatorResponse() {
            SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
            // the HTTP/1.1 pseudo-header ":status" is how java.net.http reports the status line
            headers.forEach((name, values) -> {
                if (!name.startsWith(":")) {
                    response.withHeader(name, values);
                }
            });
            if (body != null && !body.isEmpty()) {
                response.withBody(body);
            }
            return response.build();
        }

        @Override
        public String toString() {
            return call + " -> " + status + " " + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
        }
    }
}
