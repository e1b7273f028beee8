package dev.ledger.faultsuite.checker;

import dev.ledger.faultsuite.workload.OperationKind;
import dev.ledger.faultsuite.workload.Phase;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Operations against their effects, matched by correlation id (= operation id): an acknowledged operation applied
 * exactly once and at the version its answer named, a refused one not at all, an unknown one at most once; and no
 * effect that no operation asked for.
 */
final class ExactlyOnceCheck {

    /** The event that is the operation's effect; the others it causes follow from it. */
    private static final Map<OperationKind, Set<String>> EFFECT = new EnumMap<>(Map.of(
            OperationKind.OPEN, Set.of("AccountOpenedEvent"),
            OperationKind.DEPOSIT, Set.of("MoneyDepositedEvent"),
            OperationKind.WITHDRAW, Set.of("MoneyWithdrawnEvent"),
            OperationKind.TRANSFER, Set.of("TransferRequestedEvent"),
            OperationKind.REVIEW, Set.of("TransferApprovedEvent", "TransferRejectedEvent"),
            OperationKind.FREEZE, Set.of("AccountFrozenEvent"),
            OperationKind.UNFREEZE, Set.of("AccountUnfrozenEvent")));

    private ExactlyOnceCheck() {
    }

    static CheckResult check(Map<String, OperationResult> results, EventStoreFold fold) {
        CheckResult result = new CheckResult("each ok operation applied exactly once, each failed one not at all, "
                                             + "each unknown one at most once");
        Map<OperationKind, int[]> counts = new EnumMap<>(OperationKind.class);
        for (OperationResult operation : results.values()) {
            Map<String, Integer> caused = fold.byOperation.getOrDefault(operation.id(), Map.of());
            int effects = EFFECT.get(operation.operation().kind()).stream()
                                .mapToInt(type -> caused.getOrDefault(type, 0)).sum();
            int[] count = counts.computeIfAbsent(operation.operation().kind(), k -> new int[6]);
            switch (operation.outcome()) {
                case OK -> {
                    count[0]++;
                    checkAcknowledged(result, operation, effects, fold);
                }
                case FAIL -> {
                    count[2]++;
                    int any = caused.values().stream().mapToInt(Integer::intValue).sum();
                    if (any > 0) {
                        result.violation(String.format("%s was refused but caused %s", operation.operation().summary(),
                                                       caused), operation.id());
                    }
                }
                default -> {
                    count[3]++;
                    count[4] += effects;
                    if (effects > 1) {
                        result.violation(String.format("%s (outcome unknown) applied %d times",
                                                       operation.operation().summary(), effects), operation.id());
                    }
                }
            }
            count[1] += operation.outcome() == Phase.OK ? effects : 0;
        }
        counts.forEach((kind, c) -> result.fact("%-8s ok %d (effects %d), failed %d, unknown %d (applied %d)", kind,
                                                c[0], c[1], c[2], c[3], c[4]));
        for (String operationId : fold.byOperation.keySet()) {
            if (!results.containsKey(operationId)) {
                result.violation("events " + fold.byOperation.get(operationId) + " name operation " + operationId
                                 + ", which no client sent", operationId);
            }
        }
        return result;
    }

    private static void checkAcknowledged(CheckResult result, OperationResult operation, int effects,
                                          EventStoreFold fold) {
        OperationKind kind = operation.operation().kind();
        boolean idempotentNoop = kind == OperationKind.FREEZE || kind == OperationKind.UNFREEZE;
        if (effects != 1 && !(idempotentNoop && effects == 0)) {
            result.violation(String.format("%s was acknowledged but applied %d times", operation.operation().summary(),
                                           effects), operation.id());
            return;
        }
        if (idempotentNoop) {
            return; // a repeated freeze answers the account's current version without an event of its own
        }
        String stream = kind == OperationKind.TRANSFER || kind == OperationKind.REVIEW
                        ? operation.operation().transferId() : operation.operation().accountId();
        for (long version : operation.okVersions()) {
            String at = fold.operationAt.get(stream + "@" + version);
            if (!operation.id().equals(at)) {
                result.violation(String.format("%s was acknowledged as %s@%d, but that event is %s",
                        operation.operation().summary(), stream, version, at == null ? "missing or not an operation's"
                                                                                     : "caused by " + at),
                        at == null ? new String[] {operation.id()} : new String[] {operation.id(), at});
            }
        }
    }
}
