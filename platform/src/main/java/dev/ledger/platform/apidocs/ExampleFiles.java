package dev.ledger.platform.apidocs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Request and response examples, kept as plain JSON files beside the code rather than strings inside annotations
 * (readable, copyable into a curl, checked against the schemas by the linter): {@code openapi/examples/
 * <operationId>.request.json} for the request body, {@code <operationId>.<status>.json} for an answer. A file that
 * names no operation, or a status the operation does not answer, fails the document: an example that silently
 * stops showing is how documentation rots.
 */
final class ExampleFiles {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]+)\\.(request|\\d{3})\\.json");

    private final Map<String, Map<String, Object>> byOperation;

    private ExampleFiles(Map<String, Map<String, Object>> byOperation) {
        this.byOperation = byOperation;
    }

    static ExampleFiles load(ResourcePatternResolver resources, ObjectMapper json) {
        Map<String, Map<String, Object>> byOperation = new HashMap<>();
        try {
            for (Resource file : resources.getResources("classpath*:openapi/examples/*.json")) {
                Matcher name = NAME.matcher(String.valueOf(file.getFilename()));
                if (!name.matches()) {
                    throw new IllegalStateException("example file " + file.getFilename()
                                                     + " is not <operationId>.request.json or <operationId>.<status>.json");
                }
                try (InputStream in = file.getInputStream()) {
                    byOperation.computeIfAbsent(name.group(1), id -> new HashMap<>())
                               .put(name.group(2), json.readValue(in, Object.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API examples", e);
        }
        return new ExampleFiles(byOperation);
    }

    /** Puts every example into its operation; fails on one that has nowhere to go. */
    void applyTo(OpenAPI api) {
        Map<String, Operation> operations = new HashMap<>();
        api.getPaths().values().forEach(item -> item.readOperations()
                                                    .forEach(op -> operations.put(op.getOperationId(), op)));
        byOperation.forEach((operationId, examples) -> {
            Operation operation = operations.get(operationId);
            if (operation == null) {
                throw new IllegalStateException("API examples name operation " + operationId + ", which does not exist");
            }
            examples.forEach((which, value) -> mediaType(operation, which).setExample(value));
        });
    }

    private static MediaType mediaType(Operation operation, String which) {
        if (which.equals("request")) {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                throw new IllegalStateException(operation.getOperationId() + " takes no request body to exemplify");
            }
            return operation.getRequestBody().getContent().values().iterator().next();
        }
        ApiResponse response = operation.getResponses() == null ? null : operation.getResponses().get(which);
        if (response == null || response.getContent() == null || response.getContent().isEmpty()) {
            throw new IllegalStateException(operation.getOperationId() + " has no " + which + " answer with a body");
        }
        return response.getContent().values().iterator().next();
    }
}
