package dev.ledger.faultsuite.checker;

import dev.ledger.faultsuite.workload.HistoryEntry;
import dev.ledger.faultsuite.workload.Phase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every answer is one the README documents: an outage is a 503 problem (outcome unknown, retry with the same key),
 * never a 500, and every error is {@code application/problem+json} with a stable code.
 */
final class AnswersDocumentedCheck {

    private static final int LISTED = 20;

    private AnswersDocumentedCheck() {
    }

    static CheckResult check(List<HistoryEntry> history) {
        CheckResult result = new CheckResult("every answer is documented: no 500, every error a problem+json");
        Map<String, Integer> undocumented = new TreeMap<>();
        long errors = 0;
        for (HistoryEntry entry : history) {
            if (entry.phase() == Phase.INVOKE || entry.status() < 400) {
                continue;
            }
            errors++;
            boolean problem = entry.detail() != null && !entry.detail().startsWith("not problem+json");
            if (entry.status() == 500 || !problem) {
                String key = entry.status() + " " + entry.detail();
                if (undocumented.merge(key, 1, Integer::sum) <= LISTED) {
                    result.violation(String.format("%.1fs %s answered %d %s (%s)", entry.atMillis() / 1000.0,
                                                   entry.opId(), entry.status(), entry.detail(), entry.node()),
                                     entry.opId());
                }
            }
        }
        result.fact("%d error answers, undocumented: %s", errors, undocumented);
        return result;
    }
}
