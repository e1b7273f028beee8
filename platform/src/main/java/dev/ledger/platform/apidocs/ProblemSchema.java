package dev.ledger.platform.apidocs;

import dev.ledger.api.ErrorCode;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code Problem} schema (RFC 9457) every refusal of both services answers with, its codes enumerated, and the
 * extension members some refusals add (RFC 9457 §3.2), each saying which: one vocabulary for both services, as the
 * codes are, so a client generated from either document reads every member it may meet.
 */
final class ProblemSchema {

    static final String NAME = "Problem";
    private static final String RUN = "5b0c9f2e-8d7a-4c1e-9b6f-2a1d3c4e5f60";

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
                        "With `VALIDATION_FAILED` from a body: each field that broke its bounds."))
                .addProperty("retryAfterSeconds", new IntegerSchema().minimum(BigDecimal.ONE).description(
                        "With `RATE_LIMITED`, `SERVICE_UNAVAILABLE` and `PIPELINE_BACKLOG`: the `Retry-After` "
                        + "header's seconds, repeated for clients that read only the body.").example(1))
                .addProperty("lagEvents", new IntegerSchema().format("int64").description(
                        "With `PIPELINE_BACKLOG`: how many events the furthest-behind read model (or the review "
                        + "process) has still to apply.").example(64210))
                .addProperty("maxLagEvents", new IntegerSchema().format("int64").description(
                        "With `PIPELINE_BACKLOG`: the lag beyond which writes are refused "
                        + "(`ledger.backpressure.max-lag-events`).").example(20000))
                .addProperty("runId", new StringSchema().description(
                        "With `RECONCILIATION_RUNNING`: the run in progress.").example(RUN))
                .addProperty("location", new StringSchema().description(
                        "With `RECONCILIATION_RUNNING`: where to poll the run in progress.")
                                                           .example("/admin/reconciliation/" + RUN))
                .addProperty("processing", new Schema<>().description(
                        "On the query side's not-found answers, as on all its answers: how fresh the read model "
                        + "was when it found nothing (`false`, `true`, or `\"REPLAYING\"` while it is rebuilt and the "
                        + "row may only not be there yet).").example(false))
                .addProperty("replayProgress", new NumberSchema().format("double").description(
                        "With `processing: \"REPLAYING\"`: how far the rebuild is, from 0 to 1.").example(0.42))
                .addProperty("position", new IntegerSchema().format("int64").minimum(BigDecimal.ZERO).nullable(true)
                                                            .description("On the query side's not-found answers: the "
                                                                         + "event-store position the read model has "
                                                                         + "processed (`null` before any).")
                                                            .example(26));
    }
}
