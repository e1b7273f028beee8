package dev.ledger.platform.apidocs;

import dev.ledger.api.ErrorCode;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code Problem} schema (RFC 9457) every refusal of both services answers with, its codes enumerated. */
final class ProblemSchema {

    static final String NAME = "Problem";

    private ProblemSchema() {
    }

    static Schema<?> problem() {
        StringSchema code = new StringSchema();
        Arrays.stream(ErrorCode.values()).forEach(c -> code.addEnumItem(c.name()));
        code.description("The refusal's stable code (the last segment of `type`, in capitals): branch on it, never on "
                         + "`title` or `detail`. New codes may be added; a client treats one it does not know by its "
                         + "status. Absent only when the HTTP layer itself refuses (an unknown path, a method the "
                         + "path does not take).\n\n" + Arrays.stream(ErrorCode.values())
                                                                .map(c -> "- `" + c.name() + "` (" + c.httpStatus()
                                                                          + "): " + c.description())
                                                                .collect(Collectors.joining("\n")));
        Schema<Object> fieldError = new ObjectSchema()
                .description("One field or parameter that broke its bounds.")
                .addProperty("field", new StringSchema().description("The field's name, as in the request."))
                .addProperty("message", new StringSchema().description("What the field must be."));
        return new ObjectSchema()
                .description("An RFC 9457 problem: why the request was refused. Nothing was written.")
                .required(List.of("type", "title", "status"))
                .addProperty("type", new StringSchema().format("uri").description(
                        "`https://ledger.dev/problems/<slug>`, stable across releases."))
                .addProperty("title", new StringSchema().description("The slug in words."))
                .addProperty("status", new IntegerSchema().description("The HTTP status, repeated."))
                .addProperty("detail", new StringSchema().description(
                        "What was wrong with this request, for people (it may change between releases)."))
                .addProperty("instance", new StringSchema().description("The request's path."))
                .addProperty("code", code)
                .addProperty("errors", new ArraySchema().items(fieldError).description(
                        "With `VALIDATION_FAILED` from a body: each field that broke its bounds."));
    }
}
