package dev.ledger.faultsuite.checker;

import dev.ledger.faultsuite.workload.Answer;
import dev.ledger.faultsuite.workload.History;
import dev.ledger.faultsuite.workload.HistoryEntry;
import dev.ledger.faultsuite.workload.Operation;
import dev.ledger.faultsuite.workload.Phase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Folds the history into one result per operation. */
final class OperationResults {

    private OperationResults() {
    }

    static Map<String, OperationResult> of(History history) {
        return of(history.operations(), history.entries());
    }

    static Map<String, OperationResult> of(Collection<Operation> operations, List<HistoryEntry> entries) {
        Map<String, List<HistoryEntry>> byOperation = new HashMap<>();
        for (HistoryEntry entry : entries) {
            if (entry.phase() != Phase.INVOKE) {
                byOperation.computeIfAbsent(entry.opId(), id -> new ArrayList<>()).add(entry);
            }
        }
        Map<String, OperationResult> results = new HashMap<>();
        for (Operation operation : operations) {
            List<HistoryEntry> completions = byOperation.getOrDefault(operation.id(), List.of());
            Set<Long> versions = new LinkedHashSet<>();
            Set<String> refusals = new LinkedHashSet<>();
            boolean ok = false;
            boolean fail = false;
            boolean unanswered = false;
            for (HistoryEntry completion : completions) {
                if (completion.phase() == Phase.OK) {
                    ok = true;
                    versions.add(Long.parseLong(completion.detail().substring("v=".length())));
                } else if (completion.phase() == Phase.FAIL) {
                    fail = true;
                    if (Answer.storedDecision(completion.status())) {
                        refusals.add(completion.status() + " " + completion.detail());
                    }
                } else if (completion.phase() == Phase.UNKNOWN) {
                    unanswered = true;
                }
            }
            // A refusal settles an unanswered attempt only when the ledger kept it under the key; the others
            // (401, 403, 400, ...) come before the key is looked at and say only that their own attempt did nothing.
            boolean settledByRefusal = fail && (!unanswered || !refusals.isEmpty());
            Phase outcome = ok ? Phase.OK : settledByRefusal ? Phase.FAIL : Phase.UNKNOWN;
            results.put(operation.id(), new OperationResult(operation, outcome, versions, refusals,
                                                            completions.size()));
        }
        return results;
    }
}
