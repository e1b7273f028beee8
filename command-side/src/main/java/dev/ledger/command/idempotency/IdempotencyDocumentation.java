package dev.ledger.command.idempotency;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.apidocs.Refusals;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes the key protocol into the API description of every operation marked {@link IdempotentCommand}, beside the
 * filter that keeps it: the {@code Idempotency-Key} header (required as the mark says), the
 * {@code Idempotent-Replayed} header on the answers {@link KeyProtocol} stores and replays (a success, and its
 * decisions), and the key's own refusals. Also a document customizer, for the one thing an operation's cannot do:
 * describe that header once, under {@code components/headers}, for the operations to refer to.
 */
final class IdempotencyDocumentation implements OperationCustomizer, OpenApiCustomizer {

    private static final String REPLAYED_COMPONENT = "IdempotentReplayed";

    private final Duration retention;

    IdempotencyDocumentation(IdempotencyProperties properties) {
        this.retention = properties.retention();
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addHeaders(REPLAYED_COMPONENT, new Header()
                .description("`true` when this answer is the stored one of an earlier request with the same "
                             + "`Idempotency-Key`: nothing was done again. Absent from a first answer.")
                .schema(new StringSchema()._enum(List.of("true"))));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        IdempotentCommand command = handler.getMethodAnnotation(IdempotentCommand.class);
        if (command == null) {
            return operation;
        }
        operation.addParametersItem(key(command.keyRequired()));
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject(CommandRequestFilter.REPLAYED_HEADER, replayed());
            }
        });
        Refusals.declareHeader(operation, CommandRequestFilter.REPLAYED_HEADER, replayed(),
                               KeyProtocol.STORED_REFUSALS.stream().mapToInt(Integer::intValue).toArray());
        Refusals.declare(operation, ErrorCode.IDEMPOTENCY_KEY_INVALID, ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                         ErrorCode.IDEMPOTENCY_KEY_REUSED);
        return operation;
    }

    private Parameter key(boolean required) {
        String need = required
                ? "Required: this request moves money or creates something, and without a key it is refused with "
                  + "`400 IDEMPOTENCY_KEY_INVALID`."
                : "Optional here: repeating this request changes nothing anyway. With a key, the rules below apply.";
        return new HeaderParameter()
                .name(CommandRequestFilter.KEY_HEADER)
                .required(required)
                .description("Makes a retry of this request safe (IETF httpapi `Idempotency-Key` draft). " + need
                             + " 1 to 255 visible ASCII characters (a UUID is a good choice; the draft's quoted form "
                             + "`\"…\"` is accepted too). A key belongs to the token's client, so no client sees or "
                             + "spoils another's, and is kept " + words(retention) + ".\n\n"
                             + "- The same key with the same request (method, path, and the body as JSON: field "
                             + "order and spacing aside) answers what the first one answered, with "
                             + "`Idempotent-Replayed: true`, also after a restart, if that was a success or one of "
                             + "the ledger's decisions on the request (" + statuses() + "). Any other answer is not "
                             + "kept, so a corrected retry with the same key runs anew.\n"
                             + "- The same key with another request: `422 IDEMPOTENCY_KEY_REUSED`; use a new key.\n"
                             + "- While the first request with the key still runs: `409 IDEMPOTENCY_KEY_IN_USE`; "
                             + "retry a moment later with the same key and body.\n\n"
                             + "The key's answer commits in the same transaction as the command's events: an answer "
                             + "lost on the way is recovered by retrying with the same key, and nothing happens twice.")
                .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[!-~]{1,255}$"))
                .example("3f1c2a9e-6b1d-4c55-9a0e-2d9f7b1e0c42");
    }

    private static Header replayed() {
        return new Header().$ref("#/components/headers/" + REPLAYED_COMPONENT);
    }

    private static String statuses() {
        return String.join(", ", KeyProtocol.STORED_REFUSALS.stream().sorted().map(String::valueOf).toList());
    }

    /** {@code PT24H} as {@code 24h}. */
    private static String words(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
