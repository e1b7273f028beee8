package dev.ledger.query.reconciliation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** {@code GET /admin/reconciliation/{runId}}: the run, and what it found. */
@Schema(description = "A reconciliation run and its findings (at most `ledger.reconciliation.max-reported` are kept; "
                      + "all are counted).")
record ReconciliationRunReport(@JsonUnwrapped ReconciliationRunSummary run,
                               @Schema(requiredMode = RequiredMode.REQUIRED,
                                       description = "What differs between the event store and the read models.")
                               List<Divergence> divergences,
                               @Schema(requiredMode = RequiredMode.REQUIRED,
                                       description = "Rows and entries that were behind only because their projection "
                                                     + "had not got there (kind `IN_FLIGHT`): not divergences.")
                               List<Divergence> inFlight) {
}
