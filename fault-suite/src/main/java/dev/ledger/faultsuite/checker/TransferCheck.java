package dev.ledger.faultsuite.checker;

import dev.ledger.faultsuite.workload.OperationKind;
import dev.ledger.faultsuite.workload.Phase;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Transfers at rest: each ended (IN_REVIEW only when no review was ever sent for it), moved its money exactly once
 * if it completed and not at all otherwise, and left no hold behind.
 */
final class TransferCheck {

    private TransferCheck() {
    }

    static CheckResult check(Map<String, OperationResult> results, EventStoreFold fold, Quiescence.Result settled) {
        CheckResult result = new CheckResult("every transfer terminal within 60 s of healing (or IN_REVIEW, never "
                                             + "reviewed), money moved once, no hold left");
        Set<String> reviewed = new HashSet<>();
        for (OperationResult operation : results.values()) {
            if (operation.operation().kind() == OperationKind.REVIEW && operation.outcome() != Phase.FAIL) {
                reviewed.add(operation.operation().transferId());
            }
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        for (TransferFold transfer : fold.transfers.values()) {
            byStatus.merge(transfer.status + (transfer.reason != null ? "/" + transfer.reason : ""), 1, Integer::sum);
            boolean waitingLegitimately = "IN_REVIEW".equals(transfer.status) && !reviewed.contains(transfer.id);
            if (!transfer.terminal() && !waitingLegitimately) {
                result.violation(String.format("transfer %s is %s%s", transfer.id, transfer.status,
                        reviewed.contains(transfer.id) ? " although a review of it was sent" : ""),
                        requestOf(transfer, fold));
            }
            boolean completed = "COMPLETED".equals(transfer.status);
            int expectedLegs = completed ? 1 : 0;
            if (transfer.debits != expectedLegs || transfer.credits != expectedLegs || transfer.holdsPlaced > 1) {
                result.violation(String.format("transfer %s %s: %d debits, %d credits, %d holds", transfer.id,
                        transfer.status, transfer.debits, transfer.credits, transfer.holdsPlaced),
                        requestOf(transfer, fold));
            }
        }
        int openHolds = 0;
        for (AccountFold account : fold.accounts.values()) {
            for (Map.Entry<String, String> hold : account.openHolds.entrySet()) {
                openHolds++;
                TransferFold transfer = fold.transfers.get(hold.getValue());
                if (transfer == null || !"IN_REVIEW".equals(transfer.status)) {
                    result.violation(String.format("hold %s on %s left open by a transfer that is %s", hold.getKey(),
                            account.id, transfer == null ? "unknown" : transfer.status));
                }
            }
        }
        result.fact("%d transfers: %s", fold.transfers.size(), byStatus);
        result.fact("all but the unreviewed ones ended %.1f s after healing and settling%s; %d holds open",
                    settled.transfersEndedAfterMillis() / 1000.0,
                    settled.transfersEndedInTime() ? "" : " (NOT within 60 s)", openHolds);
        for (String overdue : settled.overdueReviews()) {
            TransferFold transfer = fold.transfers.get(overdue);
            result.violation(String.format("transfer %s is still in review %s after it was requested: its review "
                    + "deadline did not fire", overdue, Quiescence.DEADLINE_SLACK + " past the review timeout"),
                    transfer == null ? "" : requestOf(transfer, fold));
        }
        if (!settled.transfersEndedInTime()) {
            result.violation("transfers were still moving 60 s after healing: " + settled.stillMoving());
        }
        return result;
    }

    private static String requestOf(TransferFold transfer, EventStoreFold fold) {
        String operation = fold.operationAt.get(transfer.id + "@0");
        return operation == null ? "" : operation;
    }
}
