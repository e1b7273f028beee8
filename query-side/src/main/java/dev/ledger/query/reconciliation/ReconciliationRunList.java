package dev.ledger.query.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** {@code GET /admin/reconciliation}: the latest runs. */
@Schema(description = "The latest reconciliation runs, newest first.")
record ReconciliationRunList(@Schema(requiredMode = RequiredMode.REQUIRED, description = "The runs, newest first.")
                             List<ReconciliationRunSummary> items) {
}
