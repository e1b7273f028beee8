package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.EVENT_STORE_INCONSISTENT;
import static dev.ledger.query.reconciliation.DivergenceKind.INVARIANT_BROKEN;

import java.math.BigInteger;
import java.util.Map;
import java.util.function.Consumer;

/** The double-entry invariant and each account's own arithmetic, on the event store alone. */
final class EventStoreCheck {

    private EventStoreCheck() {
    }

    /** @return the recomputed balances' sum per currency (0 where the invariant holds) */
    static Map<String, BigInteger> check(Recomputation ledger, Scope scope, Consumer<Divergence> report) {
        Map<String, BigInteger> sums = ledger.sumsByCurrency();
        sums.forEach((currency, sum) -> {
            if (scope.includes(currency) && sum.signum() != 0) {
                report.accept(Divergence.ofCurrency(INVARIANT_BROKEN, currency, 0, sum,
                                                    "event store: the recomputed balances of " + currency
                                                            + " sum to " + sum + " instead of 0; the events "
                                                            + "themselves are wrong, a rebuild cannot repair this"));
            }
        });
        ledger.accounts().forEach((accountId, account) -> {
            if (!scope.includes(account.currency)) {
                return;
            }
            if (account.balance != account.postedBalance) {
                report.accept(Divergence.ofAccount(EVENT_STORE_INCONSISTENT, accountId, account.currency,
                                                   account.postedBalance, account.balance,
                                                   "event store: the postings sum to the expected value, the "
                                                           + "events report the actual balance"));
            }
            if (account.held != account.openHolds) {
                report.accept(Divergence.ofAccount(EVENT_STORE_INCONSISTENT, accountId, account.currency,
                                                   account.openHolds, account.held,
                                                   "event store: the open holds sum to the expected value, the "
                                                           + "events report the actual held sum"));
            }
        });
        return sums;
    }
}
