package dev.ledger.faultsuite.checker;

import java.util.Map;
import java.util.TreeMap;

/** What must hold inside the event store alone: contiguous streams, consistent postings, overdrafts kept, sums of 0. */
final class StoreChecks {

    private StoreChecks() {
    }

    static CheckResult noGaps(EventStoreFold fold) {
        CheckResult result = new CheckResult("no gap in any aggregate stream (sequence numbers 0..n)")
                .fact("%d streams, %d events", fold.streams, fold.events);
        fold.gaps.forEach(result::violation);
        return result;
    }

    static CheckResult postingsAddUp(EventStoreFold fold) {
        CheckResult result = new CheckResult("every balanceAfter/heldAfter is the sum of its stream's postings/holds")
                .fact("%d postings checked", fold.balancesChecked);
        fold.postingErrors.forEach(result::violation);
        if (!fold.unknownTypes.isEmpty()) {
            result.fact("event types the checker does not know (ignored): %s", fold.unknownTypes);
        }
        return result;
    }

    static CheckResult overdraftKept(EventStoreFold fold) {
        CheckResult result = new CheckResult("no balance below its overdraft at any version (holds included)")
                .fact("%d balance versions over %d accounts", fold.balancesChecked, fold.accounts.size());
        fold.belowOverdraft.forEach(result::violation);
        return result;
    }

    /** Customers + world + transit per currency: 0 after every commit, so 0 in the store at rest. */
    static CheckResult storeSumsToZero(EventStoreFold fold) {
        CheckResult result = new CheckResult("per currency, the event store sums to 0");
        Map<String, Long> customers = customerTotals(fold);
        for (String currency : currencies(fold, customers)) {
            long customer = customers.getOrDefault(currency, 0L);
            long world = fold.world.getOrDefault(currency, 0L);
            long transit = fold.transit.getOrDefault(currency, 0L);
            long sum = customer + world + transit;
            result.fact("%s: customers %d + world %d + transit %d = %d", currency, customer, world, transit, sum);
            if (sum != 0) {
                result.violation(String.format("%s sums to %d in the event store", currency, sum));
            }
        }
        return result;
    }

    /** Each customer account's last reported balance (what its aggregate believed), summed per currency. */
    static Map<String, Long> customerTotals(EventStoreFold fold) {
        Map<String, Long> totals = new TreeMap<>();
        for (AccountFold account : fold.accounts.values()) {
            if (account.currency != null) {
                totals.merge(account.currency, account.reportedBalance, Math::addExact);
            }
        }
        return totals;
    }

    private static Iterable<String> currencies(EventStoreFold fold, Map<String, Long> customers) {
        TreeMap<String, Boolean> all = new TreeMap<>();
        customers.keySet().forEach(c -> all.put(c, true));
        fold.world.keySet().forEach(c -> all.put(c, true));
        fold.transit.keySet().forEach(c -> all.put(c, true));
        return all.keySet();
    }
}
