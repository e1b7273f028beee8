package dev.ledger.faultsuite.checker;

import java.util.List;

/**
 * One broken promise.
 *
 * @param message      what is wrong, with the numbers
 * @param operationIds the operations involved, whose history the report prints around it
 */
public record Violation(String message, List<String> operationIds) {

    static Violation of(String message, String... operationIds) {
        return new Violation(message, java.util.Arrays.stream(operationIds).filter(id -> !id.isEmpty()).toList());
    }
}
