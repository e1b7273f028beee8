package dev.ledger.faultsuite.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.faultsuite.admin.LedgerAdmin;

/** The operator's view after healing: no projection lag, no dead letters, a clean reconciliation run. */
final class PipelineCheck {

    private static final long RECONCILIATION_WAIT_MILLIS = 180_000;

    private PipelineCheck() {
    }

    static CheckResult check(LedgerAdmin admin, Quiescence.Result settled) throws InterruptedException {
        CheckResult result = new CheckResult("projection lag 0, no dead letters, reconciliation clean");
        if (settled.lagZero()) {
            result.fact("every read model caught up %.1f s after healing and settling", settled.lagZeroAfterMillis() / 1000.0);
        } else {
            result.violation("read models not caught up: " + summary(settled.processors()));
        }
        LedgerAdmin.Reply letters = admin.deadLetters();
        if (!letters.ok()) {
            result.violation("dead letters could not be listed: " + letters);
        } else {
            long total = 0;
            for (JsonNode group : letters.body().path("groups")) {
                total += group.path("letters").asLong();
                if (group.path("letters").asLong() > 0) {
                    result.violation(String.format("%d dead letters in %s, first: %s", group.path("letters").asLong(),
                                                   group.path("group").asText(), group.path("items").path(0)));
                }
            }
            result.fact("%d dead letters", total);
        }
        reconcile(admin, result);
        return result;
    }

    private static void reconcile(LedgerAdmin admin, CheckResult result) throws InterruptedException {
        LedgerAdmin.Reply started = admin.startReconciliation();
        if (started.status() != 202) {
            result.violation("reconciliation did not start: " + started);
            return;
        }
        String runId = started.body().path("runId").asText();
        long deadline = System.currentTimeMillis() + RECONCILIATION_WAIT_MILLIS;
        JsonNode run = started.body();
        while ("RUNNING".equals(run.path("status").asText()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            LedgerAdmin.Reply polled = admin.reconciliation(runId);
            if (polled.ok()) {
                run = polled.body();
            }
        }
        result.fact("reconciliation %s: %s, %d events, %d accounts, %d transfers, %d divergences, %d in flight",
                    runId, run.path("status").asText(), run.path("eventsRead").asLong(),
                    run.path("accountsChecked").asLong(), run.path("transfersChecked").asLong(),
                    run.path("divergenceCount").asLong(), run.path("inFlightCount").asLong());
        if (!"COMPLETED".equals(run.path("status").asText()) || run.path("divergenceCount").asLong() != 0
                || run.path("inFlightCount").asLong() != 0) {
            result.violation("reconciliation not clean: status " + run.path("status").asText() + ", error "
                             + run.path("error") + ", divergences " + run.path("divergences"));
        }
    }

    private static String summary(JsonNode processors) {
        if (processors == null) {
            return "no answer from /admin/processors";
        }
        StringBuilder line = new StringBuilder();
        for (JsonNode processor : processors.path("processors")) {
            line.append(processor.path("name").asText()).append(" lag ").append(processor.path("lagEvents"))
                .append(processor.path("replaying").asBoolean() ? " replaying" : "")
                .append(processor.path("running").asBoolean() ? "" : " stopped")
                .append(processor.path("error").asBoolean() ? " error " + processor.path("errorMessage") : "")
                .append("; ");
        }
        return line.toString();
    }
}
