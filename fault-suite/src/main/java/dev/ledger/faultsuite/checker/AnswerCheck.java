package dev.ledger.faultsuite.checker;

import java.util.Map;

/**
 * One key, one answer: every attempt of an operation that got a decision the ledger keeps under the key got the
 * same one (README, Idempotency-Key), and acceptances all name the same version.
 */
final class AnswerCheck {

    private AnswerCheck() {
    }

    static CheckResult check(Map<String, OperationResult> results) {
        CheckResult result = new CheckResult("the same key always gets the same decision");
        long repeated = 0;
        for (OperationResult operation : results.values()) {
            if (operation.attempts() > 1) {
                repeated++;
            }
            String summary = operation.operation().summary();
            if (operation.okVersions().size() > 1) {
                result.violation(summary + " was acknowledged with different versions " + operation.okVersions(),
                                 operation.id());
            }
            if (!operation.okVersions().isEmpty() && !operation.storedRefusals().isEmpty()) {
                result.violation(summary + " was both acknowledged and refused " + operation.storedRefusals(),
                                 operation.id());
            }
            if (operation.storedRefusals().size() > 1) {
                result.violation(summary + " was refused differently " + operation.storedRefusals(), operation.id());
            }
            if (operation.storedRefusals().stream().anyMatch(r -> r.contains("IDEMPOTENCY_KEY_REUSED"))) {
                result.violation(summary + ": the same request with the same key was taken for another one",
                                 operation.id());
            }
        }
        result.fact("%d operations, %d of them sent more than once", results.size(), repeated);
        return result;
    }
}
