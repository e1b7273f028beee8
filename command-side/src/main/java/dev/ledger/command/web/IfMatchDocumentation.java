package dev.ledger.command.web;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.apidocs.Refusals;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

/**
 * Describes {@code If-Match} wherever a handler reads it, as {@link IfMatch} reads it: its form, what a stale
 * version answers ({@code 412 VERSION_MISMATCH}) and what a malformed one does ({@code 400 VALIDATION_FAILED}).
 */
@Component
class IfMatchDocumentation implements OperationCustomizer {

    /**
     * A version the aggregate can be decided on, so that the example, sent as it is, can succeed: a transfer waiting
     * in review is at its version 1 (requested 0, screened 1), as in the README's tour; "3" could never match one.
     */
    private static final Map<String, String> EXAMPLES = Map.of("transfer", "\"1\"", "account", "\"3\"");

    /** An aggregate version, bare or as an entity tag's quoted string, as {@link IfMatch#expectedVersion} takes it. */
    static final String PATTERN = "^([0-9]{1,18}|\"[0-9]{1,18}\")$";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean readsIfMatch = Arrays.stream(handler.getMethodParameters()).anyMatch(IfMatchDocumentation::isIfMatch);
        if (!readsIfMatch || operation.getParameters() == null) {
            return operation;
        }
        String what = operation.getParameters().stream().anyMatch(p -> "transferId".equals(p.getName()))
                ? "transfer" : "account";
        operation.getParameters().stream()
                 .filter(p -> "header".equals(p.getIn()) && IfMatch.HEADER.equalsIgnoreCase(p.getName()))
                 .forEach(p -> describe(p, what));
        Refusals.declare(operation, ErrorCode.VERSION_MISMATCH);
        return operation;
    }

    private static boolean isIfMatch(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        return header != null && (IfMatch.HEADER.equalsIgnoreCase(header.name())
                                  || IfMatch.HEADER.equalsIgnoreCase(header.value()));
    }

    private static void describe(Parameter parameter, String what) {
        parameter.description("The " + what + "'s version this decision was made on, as the query side shows it "
                              + "(`version`): `\"3\"`, or `3`. If the " + what + " has moved on since, nothing is "
                              + "done and the answer is `412 VERSION_MISMATCH`: read it again and decide anew. "
                              + "Absent: no check. A weak tag (`W/\"3\"`), a list or `*` is "
                              + "`400 VALIDATION_FAILED`: a version is exact.")
                 .schema(new StringSchema().pattern(PATTERN).maxLength(20))
                 .example(EXAMPLES.get(what));
    }
}
