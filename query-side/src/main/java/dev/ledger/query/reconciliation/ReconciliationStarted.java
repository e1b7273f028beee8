package dev.ledger.query.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** {@code POST /admin/reconciliation}: the run started; it goes on in the background. */
@Schema(description = "A reconciliation run that has started and goes on in the background: poll `location`.")
record ReconciliationStarted(@Schema(requiredMode = RequiredMode.REQUIRED,
                                     example = "5b0c2f5e-8d1a-4c3b-9e7f-1a2b3c4d5e6f", description = "The run's id.")
                             String runId,
                             @Schema(requiredMode = RequiredMode.REQUIRED, example = "RUNNING",
                                     allowableValues = {"RUNNING", "COMPLETED", "FAILED"},
                                     description = "`RUNNING` when it starts.")
                             String status,
                             @Schema(requiredMode = RequiredMode.REQUIRED,
                                     example = "/admin/reconciliation/5b0c2f5e-8d1a-4c3b-9e7f-1a2b3c4d5e6f",
                                     description = "Where to poll it (also the `Location` header).")
                             String location,
                             @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                                     description = "Whether it repairs what it finds.")
                             boolean repair,
                             @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "EUR",
                                     description = "The one currency it checks; `null`: all.")
                             String currency) {

    static ReconciliationStarted of(ReconciliationRecord run) {
        return new ReconciliationStarted(run.runId(), run.status(), ReconciliationRunSummary.location(run.runId()),
                                         run.repair(), run.currency());
    }
}
