package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.INVARIANT_BROKEN;

import dev.ledger.query.account.AccountReadModel;
import dev.ledger.query.account.RowRepair;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows a run would rewrite, at most one write per account (a later finding's write replaces an earlier one),
 * and how many row divergences each currency has, to count what a repair fixed.
 */
final class RepairPlan {

    private final Map<String, RowRepair> repairs = new LinkedHashMap<>();
    private final Map<String, Integer> rowDivergencesByCurrency = new HashMap<>();

    void put(String accountId, RowRepair repair) {
        repairs.put(accountId, repair);
    }

    /** Counts a finding that a row rewrite repairs. */
    void counted(Divergence finding) {
        if (finding.kind().repairedByRowRewrite() && finding.currency() != null) {
            rowDivergencesByCurrency.merge(finding.currency(), 1, Integer::sum);
        }
    }

    /**
     * Rewrites the divergent rows, one transaction per currency, so each currency's rows move together and its
     * sum is right afterwards; a guard that fails (a concurrent event moved a row) rolls the currency back.
     *
     * @return how many divergences were repaired
     */
    int apply(AccountReadModel accounts, Findings findings, Map<String, BigInteger> eventStoreSums,
              Map<String, BigInteger> readModelSums) {
        Map<String, List<RowRepair>> byCurrency = new TreeMap<>();
        repairs.values().forEach(r -> byCurrency.computeIfAbsent(r.currency(), c -> new ArrayList<>()).add(r));
        int repaired = 0;
        for (Map.Entry<String, List<RowRepair>> currency : byCurrency.entrySet()) {
            String code = currency.getKey();
            boolean done = accounts.repair(currency.getValue());
            if (done) {
                repaired += rowDivergencesByCurrency.getOrDefault(code, 0);
                boolean sumRestored = eventStoreSums.getOrDefault(code, BigInteger.ZERO).signum() == 0;
                findings.update(d -> code.equals(d.currency()) && (d.kind().repairedByRowRewrite()
                                        || (d.kind() == INVARIANT_BROKEN && sumRestored
                                                && d.detail().startsWith("read model"))),
                                Divergence::markRepaired);
                if (sumRestored && readModelSums.getOrDefault(code, BigInteger.ZERO).signum() != 0) {
                    repaired++;
                }
            } else {
                findings.update(d -> code.equals(d.currency()) && d.kind().repairedByRowRewrite(),
                                d -> new Divergence(d.kind(), d.accountId(), d.transferId(), d.currency(),
                                                    d.expected(), d.actual(),
                                                    d.detail() + "; not repaired: a row of " + code
                                                            + " changed while the run repaired, run again", false));
            }
        }
        return repaired;
    }
}
