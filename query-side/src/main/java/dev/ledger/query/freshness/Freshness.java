package dev.ledger.query.freshness;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * How fresh a query answer is: the fields every answer ends with, unwrapped into it ({@code @JsonUnwrapped}), so
 * that each answer's type is its whole shape and the API description cannot drift from what is written.
 *
 * @param processing      caught up, behind (only this and the fields below are answered) or replaying
 * @param replayProgress  while replaying, 0 to 1; absent otherwise
 * @param position        the event-store position every segment of the read model has passed; {@code null} before
 *                        it has processed anything
 * @param awaitedPosition on a behind answer to an {@code @<position>} token, that position
 * @param reachedVersion  on a behind answer to an {@code <id>@<version>} token, the version the read model has
 * @param awaitedVersion  on a behind answer to an {@code <id>@<version>} token, that version
 */
public record Freshness(
        @Schema(requiredMode = RequiredMode.REQUIRED, implementation = Object.class, example = "false",
                description = "`false`: the answer includes everything the token asked for (always, without one). "
                              + "`true`: the read model has not applied it yet (within `wait`): the answer carries "
                              + "only the id read (if one), `processing`, `position` and what it waited for "
                              + "(`awaitedPosition`, or `reachedVersion` and `awaitedVersion`), never a stale view. "
                              + "`\"REPLAYING\"`: the read model is being rebuilt (`replayProgress` says how far); "
                              + "a row not rebuilt yet is missing. A generated client sees a Boolean or a String.")
        Processing processing,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Only while the read model is being rebuilt (`processing: \"REPLAYING\"`): how far, from "
                              + "0 to 1 (its least advanced segment).", minimum = "0", maximum = "1", example = "0.42")
        Double replayProgress,
        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, minimum = "0", example = "3",
                description = "The event-store position (global index) every segment of the serving read model has "
                              + "passed: a lower bound (the row read may already show later events). Pass it back as "
                              + "`@<position>` to have another read wait for the same events. `null` until the read "
                              + "model has processed anything.")
        Long position,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(minimum = "0", example = "999999999",
                description = "Only on a `processing: true` answer to an `@<position>` token: the position waited for.")
        Long awaitedPosition,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(minimum = "-1", example = "2",
                description = "Only on a `processing: true` answer to an `<id>@<version>` token: the version of that "
                              + "id the read model has applied (`-1`: none yet).")
        Long reachedVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(minimum = "0", example = "9",
                description = "Only on a `processing: true` answer to an `<id>@<version>` token: the version waited "
                              + "for.")
        Long awaitedVersion) {

    /** The fields of an answer that includes everything its request asked for (or that is being rebuilt). */
    public static Freshness caughtUp(ProjectionProgress.Progress progress) {
        return new Freshness(progress.caughtUpState(), replayProgress(progress), progress.position(), null, null, null);
    }

    /**
     * The fields of the "processing" answer of a {@link FreshnessGate#read} that is not fresh: how far the read model
     * has got and what the read waited for.
     */
    public static Freshness behind(GatedRead<?> read) {
        ProjectionProgress.Progress progress = read.progress();
        boolean awaitedVersion = read.awaitedVersion() >= 0;
        return new Freshness(progress.behindState(), replayProgress(progress), progress.position(),
                             read.awaitedPosition(), awaitedVersion ? read.reachedVersion() : null,
                             awaitedVersion ? read.awaitedVersion() : null);
    }

    private static Double replayProgress(ProjectionProgress.Progress progress) {
        return progress.replaying() ? progress.replayProgress() : null;
    }
}
