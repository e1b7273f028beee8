package dev.ledger.query.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;

/** A reconciliation run as {@code GET /admin/reconciliation} lists it, its findings counted but not listed. */
@Schema(description = "A reconciliation run and what it counted.")
record ReconciliationRunSummary(
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "5b0c2f5e-8d1a-4c3b-9e7f-1a2b3c4d5e6f",
                description = "The run's id.")
        String runId,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "COMPLETED",
                allowableValues = {"RUNNING", "COMPLETED", "FAILED"},
                description = "`RUNNING` until it ends `COMPLETED`, or `FAILED` (`error` says why).")
        String status,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "MANUAL", allowableValues = {"MANUAL", "SCHEDULED"},
                description = "Who started it: an operator, or the daily schedule.")
        String trigger,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                description = "Whether it repairs what it finds.")
        boolean repair,
        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "EUR",
                description = "The one currency it checks; `null`: all.")
        String currency,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-01-31T03:00:00Z",
                description = "When it started.")
        Instant startedAt,
        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "2026-01-31T03:00:01Z",
                description = "When it ended; `null` while running.")
        Instant finishedAt,
        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "100001",
                description = "The event-store position it reconciles against (the head when it started); `null` "
                              + "until known.")
        Long headPosition,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "71575", minimum = "0",
                description = "Events read so far.")
        long eventsRead,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "5002", minimum = "0",
                description = "Accounts compared.")
        long accountsChecked,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "14213", minimum = "0",
                description = "Transfers compared.")
        long transfersChecked,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2", minimum = "0",
                description = "Divergences found (all of them, also beyond those kept).")
        int divergenceCount,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "0", minimum = "0",
                description = "Rows and entries found behind only because their projection was busy.")
        int inFlightCount,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                description = "Whether any divergence was repaired.")
        boolean repaired,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "0", minimum = "0",
                description = "How many divergences were repaired.")
        int repairedCount,
        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, description = "Why a `FAILED` run failed.")
        String error,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                example = "/admin/reconciliation/5b0c2f5e-8d1a-4c3b-9e7f-1a2b3c4d5e6f",
                description = "Where to read the run with its findings.")
        String location) {

    static ReconciliationRunSummary of(ReconciliationRecord run) {
        return new ReconciliationRunSummary(run.runId(), run.status(), run.trigger(), run.repair(), run.currency(),
                                            run.startedAt(), run.finishedAt(), run.headPosition(), run.eventsRead(),
                                            run.accountsChecked(), run.transfersChecked(), run.divergences(),
                                            run.inFlight(), run.repaired(), run.repairedCount(), run.error(),
                                            location(run.runId()));
    }

    static String location(String runId) {
        return "/admin/reconciliation/" + runId;
    }
}
