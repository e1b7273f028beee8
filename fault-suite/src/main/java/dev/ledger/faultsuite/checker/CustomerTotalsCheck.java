package dev.ledger.faultsuite.checker;

import dev.ledger.faultsuite.workload.OperationKind;
import dev.ledger.faultsuite.workload.Phase;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the clients know against what the ledger holds: per currency, the customers' balances sum to the
 * acknowledged deposits minus the acknowledged withdrawals, give or take the operations whose outcome is unknown
 * (each counted at most once). Transfers move money between customers and do not change the total.
 */
final class CustomerTotalsCheck {

    private CustomerTotalsCheck() {
    }

    static CheckResult check(Map<String, OperationResult> results, EventStoreFold fold, ReadModelSnapshot readModel) {
        CheckResult result = new CheckResult("customer totals = acknowledged deposits - acknowledged withdrawals "
                                             + "(unknown ones bounded)");
        Map<String, long[]> sums = new TreeMap<>(); // ok deposits, unknown deposits, ok withdrawals, unknown withdrawals
        for (OperationResult operation : results.values()) {
            OperationKind kind = operation.operation().kind();
            if ((kind != OperationKind.DEPOSIT && kind != OperationKind.WITHDRAW)
                    || operation.outcome() == Phase.FAIL) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(operation.operation().currency(), c -> new long[4]);
            int slot = (kind == OperationKind.DEPOSIT ? 0 : 2) + (operation.outcome() == Phase.OK ? 0 : 1);
            sum[slot] += operation.operation().amount();
        }
        Map<String, Long> store = StoreChecks.customerTotals(fold);
        Map<String, Long> rows = new TreeMap<>();
        readModel.accounts.values().stream().filter(row -> "CUSTOMER".equals(row.kind()))
                 .forEach(row -> rows.merge(row.currency(), row.balance(), Math::addExact));
        sums.forEach((currency, sum) -> {
            long low = sum[0] - sum[2] - sum[3];
            long high = sum[0] + sum[1] - sum[2];
            long inStore = store.getOrDefault(currency, 0L);
            long inReadModel = rows.getOrDefault(currency, 0L);
            result.fact("%s: deposits ok %d (+%d unknown), withdrawals ok %d (+%d unknown): expected in [%d, %d]; "
                        + "event store %d, read model %d; deposit events %d, withdrawal events %d", currency, sum[0],
                        sum[1], sum[2], sum[3], low, high, inStore, inReadModel,
                        fold.deposited.getOrDefault(currency, 0L), fold.withdrawn.getOrDefault(currency, 0L));
            if (inStore < low || inStore > high) {
                result.violation(String.format("%s: customers hold %d in the event store, outside [%d, %d]", currency,
                                               inStore, low, high));
            }
            if (inReadModel < low || inReadModel > high) {
                result.violation(String.format("%s: customers hold %d in the read model, outside [%d, %d]", currency,
                                               inReadModel, low, high));
            }
        });
        return result;
    }
}
