package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.BALANCE_MISMATCH;
import static dev.ledger.query.reconciliation.DivergenceKind.IN_FLIGHT;
import static dev.ledger.query.reconciliation.DivergenceKind.MISSING_ROW;
import static dev.ledger.query.reconciliation.DivergenceKind.UNEXPECTED_ROW;

import dev.ledger.query.account.AccountReadModel.SummaryRow;
import dev.ledger.query.account.RowRepair;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The system rows (world, transit) against the recomputed contra legs of their currency, moved to the versions the
 * snapshot's customer rows are at; a repair moves a system row by the measured difference.
 */
final class SystemRowCheck {

    private final Scope scope;
    private final RepairPlan plan;
    private final Consumer<Divergence> report;
    private long accountsChecked;

    SystemRowCheck(Scope scope, RepairPlan plan, Consumer<Divergence> report) {
        this.scope = scope;
        this.plan = plan;
        this.report = report;
    }

    /** System rows against the recomputed contra legs, moved to the versions the snapshot's rows are at. */
    void compare(Recomputation ledger, Map<String, SummaryRow> systemRows, Map<String, BigInteger> systemAdjustments,
                 Set<String> notRealigned) {
        Map<String, BigInteger> expected = new TreeMap<>();
        Map<String, String> currencies = new HashMap<>();
        ledger.systems().forEach((systemId, system) -> {
            if (scope.includes(system.currency)) {
                expected.put(systemId, system.balance);
                currencies.put(systemId, system.currency);
            }
        });
        systemAdjustments.forEach((systemId, delta) -> {
            if (expected.containsKey(systemId) || systemRows.containsKey(systemId) || delta.signum() != 0) {
                expected.merge(systemId, delta, BigInteger::add);
            }
        });
        Set<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(systemRows.keySet());
        for (String systemId : ids) {
            SummaryRow row = systemRows.get(systemId);
            BigInteger balance = expected.get(systemId);
            String currency = row != null ? row.currency() : currencies.getOrDefault(systemId, currencyOf(systemId));
            if (!scope.includes(currency)) {
                continue;
            }
            accountsChecked++;
            if (notRealigned.contains(currency) && !Objects.equals(balance, row == null ? null
                    : row.balance())) {
                report.accept(Divergence.ofAccount(IN_FLIGHT, systemId, currency, balance,
                                                   row == null ? "none" : row.balance(),
                                                   "not compared: rows of " + currency + " were not re-read"));
                continue;
            }
            if (row == null) {
                if (balance != null && balance.signum() != 0) {
                    report.accept(Divergence.ofAccount(MISSING_ROW, systemId, currency, balance, "none",
                                                       "system account with postings but no row"));
                    plan.put(systemId, RowRepair.insertSystem(systemId, currency, balance));
                }
            } else if (balance == null) {
                report.accept(Divergence.ofAccount(UNEXPECTED_ROW, systemId, currency, "none", row.balance(),
                                                   "nothing in the event store posts against this system account"));
                plan.put(systemId, RowRepair.deleteSystem(systemId, currency, row.balance()));
            } else if (!balance.equals(row.balance())) {
                report.accept(Divergence.ofAccount(BALANCE_MISMATCH, systemId, currency, balance, row.balance(),
                                                   "system account: the contra legs of the postings the read model has "
                                                           + "applied"));
                plan.put(systemId, RowRepair.adjustSystem(systemId, currency, balance.subtract(row.balance())));
            }
        }
    }

    private static String currencyOf(String systemId) {
        int colon = systemId.indexOf(':');
        return colon < 0 ? null : systemId.substring(colon + 1);
    }

    /** System rows compared. */
    long accountsChecked() {
        return accountsChecked;
    }
}
