package dev.ledger.query.freshness;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.apidocs.Refusals;
import dev.ledger.platform.apidocs.Refuses;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents read-your-writes on every {@link FreshnessGated} read: its {@code after}, {@code X-Consistency-Token}
 * and {@code wait} parameters (springdoc sees only their names and types), the malformed-token refusal, what its
 * 200 answer holds, and a paragraph on freshness; and the {@code processing} field of every answer untyped, as it
 * is one value of two types ({@link Processing}). The bounds named here are the defaults of
 * {@code ledger.queries.max-wait} and {@code ledger.limits.max-concurrent-waits*}, not this instance's settings, so
 * that the document is the same wherever it is built.
 */
@Component
class FreshnessApiDocs implements OperationCustomizer, OpenApiCustomizer {

    private static final String PROCESSING = "processing";

    static final String TOKEN_PATTERN = "^(?:[A-Za-z0-9._:-]{1,64})?@[0-9]{1,19}$";

    /** A position token every read accepts (an {@code <id>@<version>} one fits only the reads of that id). */
    private static final String ANY_READ = "@1";

    private static final String TOKEN = "A consistency token: `<id>@<version>` (e.g. `alice@2`: a command's "
            + "`consistencyToken`, an entry of a transfer's `accountVersions`), or `@<position>` (any answer's "
            + "`position`, a transfer's `postingsToken`). The answer waits, up to `wait`, until the read model serving "
            + "it has applied that event (`<id>@<version>`: that version of that id; `@<position>`: every event up to "
            + "that position); otherwise it answers `processing: true`. Malformed: `400 INVALID_CONSISTENCY_TOKEN`; "
            + "on a read of one row, an `<id>@<version>` token must name that row.";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        if (!handlerMethod.hasMethodAnnotation(FreshnessGated.class)) {
            return operation;
        }
        if (operation.getParameters() != null) {
            operation.setParameters(operation.getParameters().stream().map(FreshnessApiDocs::described).toList());
        }
        Refusals.declare(operation, ErrorCode.INVALID_CONSISTENCY_TOKEN);
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        if (ok != null) {
            ok.setDescription("The read model's answer, ending with how fresh it is (`processing`, `position`). With "
                              + "a token it has not applied within `wait`: `processing: true` and how far it got "
                              + "instead of the view (see `processing`).");
        }
        operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                                 + "**Freshness.** Read models follow the command side eventually; every answer says "
                                 + "how far its read model has got (`processing`, `position`). To read your own "
                                 + "writes, pass the command's `consistencyToken` as `after` (or "
                                 + "`X-Consistency-Token`) with a `wait`: the answer includes that write or says "
                                 + "`processing: true`, never stale data presented as current, and never a 404 for "
                                 + "something the command side accepted."
                                 + (answersNotFound(handlerMethod) ? " A 404 carries `processing` and `position` too: "
                                    + "while a read model is rebuilt (`\"REPLAYING\"`), a row may be missing only "
                                    + "because the rebuild has not reached it yet." : ""));
        return operation;
    }

    /**
     * Every answer's {@code processing} untyped: swagger-core shows any Java type as {@code type: object}, which a
     * boolean is not (OpenAPI 3.0 has no "boolean or string" short of {@code oneOf}, which generated clients read
     * less well than an untyped value).
     */
    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        api.getComponents().getSchemas().values().forEach(schema -> {
            if (schema.getProperties() != null && schema.getProperties().get(PROCESSING) instanceof Schema<?> field) {
                field.setType(null);
            }
        });
    }

    private static boolean answersNotFound(HandlerMethod handlerMethod) {
        Refuses refuses = handlerMethod.getMethodAnnotation(Refuses.class);
        return refuses != null && Arrays.stream(refuses.value()).anyMatch(code -> code.httpStatus() == 404);
    }

    private static Parameter described(Parameter parameter) {
        Map<String, Parameter> documented = Map.of(
                "query after", new QueryParameter().name("after").required(false).description(
                        TOKEN + " Wins over the header.").schema(token()).example(ANY_READ),
                "header " + FreshnessGate.TOKEN_HEADER, new HeaderParameter().name(FreshnessGate.TOKEN_HEADER)
                        .required(false).description(TOKEN + " The same as `after`, as a header; `after` wins.")
                        .schema(token()).example(ANY_READ),
                "query wait", new QueryParameter().name("wait").required(false).description(
                        "How long to wait for the token, in milliseconds; `0` (the default) answers at once. At "
                        + "most 10000 (`ledger.queries.max-wait`): a longer wait is cut to it, not refused. A "
                        + "caller waits in at most 8 reads at a time and the node in 64 "
                        + "(`ledger.limits.max-concurrent-waits*`); beyond that a read answers at once with what it "
                        + "has (`processing: true` while behind), never with an error. Negative: "
                        + "`400 VALIDATION_FAILED`.")
                        .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO)
                                                   ._default(0))
                        .example(2000));
        return documented.getOrDefault(parameter.getIn() + " " + parameter.getName(), parameter);
    }

    private static Schema<String> token() {
        return new StringSchema().maxLength(84).pattern(TOKEN_PATTERN);
    }
}
