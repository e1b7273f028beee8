package dev.ledger.system;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One service's reviewed OpenAPI document ({@code shared-api/src/main/openapi/<service>.yaml}, the copy clients are
 * generated from): its operations by id, and a validator that checks a real request and its answer against it.
 * <p>
 * The validator is swagger-request-validator with its defaults, which are strict where a client would be hurt: a
 * status, header, content type or body field the document does not declare is an error (it treats schemas as
 * closed, so a field the service sends but the document omits fails). One key is raised to an error here: a query
 * parameter the document does not name, which a client generated from it could not send. The validator does not
 * check OAuth 2.0 scopes; the contract test picks each caller by the scopes the operation names instead.
 */
final class ContractDocument {

    private final String service;
    private final OpenApiInteractionValidator validator;
    private final Map<String, DocumentedOperation> operations;

    private ContractDocument(String service, OpenAPI api, OpenApiInteractionValidator validator) {
        this.service = service;
        this.validator = validator;
        Map<String, DocumentedOperation> byId = new LinkedHashMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            DocumentedOperation documented = new DocumentedOperation(service, operation.getOperationId(),
                                                                     method.name(), path, operation);
            if (byId.put(documented.operationId(), documented) != null) {
                throw new IllegalStateException(service + " documents operation id " + documented.operationId()
                                                + " twice");
            }
        }));
        this.operations = Collections.unmodifiableMap(byId);
    }

    /** The reviewed copy, from the directory the build names in {@code ledger.openapi.dir}. */
    static ContractDocument reviewed(String service) {
        Path file = Path.of(System.getProperty("ledger.openapi.dir", "../shared-api/src/main/openapi"))
                        .resolve(service + ".yaml").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no reviewed document at " + file);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
        if (parsed.getOpenAPI() == null) {
            throw new IllegalStateException("cannot read " + file + ": " + parsed.getMessages());
        }
        OpenApiInteractionValidator validator =
                OpenApiInteractionValidator.createForSpecificationUrl(file.toUri().toString())
                                           // the services are called directly, not under a server's base path
                                           .withBasePathOverride("/")
                                           .withLevelResolver(LevelResolver.create()
                                                   .withLevel("validation.request.parameter.query.unexpected",
                                                              ValidationReport.Level.ERROR)
                                                   .build())
                                           .build();
        return new ContractDocument(service, parsed.getOpenAPI(), validator);
    }

    String service() {
        return service;
    }

    /** Every operation of the document, in the document's order. */
    Map<String, DocumentedOperation> operations() {
        return operations;
    }

    DocumentedOperation operation(String operationId) {
        DocumentedOperation operation = operations.get(operationId);
        if (operation == null) {
            throw new IllegalArgumentException(service + " documents no operation " + operationId);
        }
        return operation;
    }

    ValidationReport validate(Request request, Response response) {
        return validator.validate(request, response);
    }

    /** The answer alone: for requests made invalid on purpose (no token), whose refusal is what is checked. */
    ValidationReport validateResponse(Request request, Response response) {
        return validator.validateResponse(request.getPath(), request.getMethod(), response);
    }

    /** An operation as the document describes it. */
    record DocumentedOperation(String service, String operationId, String method, String path, Operation operation) {

        /** The scopes of which any one lets a caller in (one security requirement each). */
        List<String> scopes() {
            List<String> scopes = new ArrayList<>();
            List<SecurityRequirement> security = operation.getSecurity() == null ? List.of() : operation.getSecurity();
            security.forEach(requirement -> requirement.values().forEach(scopes::addAll));
            return scopes;
        }

        List<Parameter> parameters() {
            return operation.getParameters() == null ? List.of() : operation.getParameters();
        }

        boolean hasParameter(String in, String name) {
            return parameters().stream().anyMatch(p -> in.equals(p.getIn()) && name.equalsIgnoreCase(p.getName()));
        }

        boolean takesBody() {
            return operation.getRequestBody() != null;
        }

        @Override
        public String toString() {
            return service + " " + operationId + " (" + method.toUpperCase(Locale.ROOT) + " " + path + ")";
        }
    }
}
