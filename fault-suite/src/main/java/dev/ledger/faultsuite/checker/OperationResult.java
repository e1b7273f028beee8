package dev.ledger.faultsuite.checker;

import dev.ledger.faultsuite.workload.Operation;
import dev.ledger.faultsuite.workload.Phase;
import java.util.Set;

/**
 * What the history says about one operation over all its attempts.
 *
 * @param operation  the request
 * @param outcome    OK if any attempt was accepted, else FAIL if one was refused and no attempt went unanswered
 *                   (or a refusal was kept under the key), else UNKNOWN
 * @param okVersions the versions its acceptances named (one, if the key works)
 * @param storedRefusals the refusals the ledger keeps under the key (404, 412, 422) it got, by code
 * @param attempts   how many times it was sent
 */
public record OperationResult(Operation operation, Phase outcome, Set<Long> okVersions, Set<String> storedRefusals,
                              int attempts) {

    public String id() {
        return operation.id();
    }
}
