package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.INVARIANT_BROKEN;
import static dev.ledger.query.reconciliation.DivergenceKind.IN_FLIGHT;

import dev.ledger.query.account.AccountReadModel;
import dev.ledger.query.account.AccountReadModel.SummaryRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The account summary read in one snapshot: customer rows at the scan's version compared at once, the others (and
 * the recomputed accounts without a row) kept for the {@link Realignment}, system rows and each currency's sum of
 * balances kept for the checks after it.
 */
final class SummarySnapshot {

    /** A customer row that is not at the scan's version, or a recomputed account without a row. */
    record Unaligned(String accountId, SummaryRow row, AccountState scanned) {
    }

    private final Scope scope;
    private final int maxRealigned;
    private final CustomerRowCheck customers;
    private final Consumer<Divergence> report;
    // system balances and the per-currency sums are BigIntegers: they add up a whole currency
    private final Map<String, SummaryRow> systemRows = new TreeMap<>();
    private final Map<String, BigInteger> readModelSums = new TreeMap<>();
    private final List<Unaligned> unaligned = new ArrayList<>();
    /** Currencies with rows that were not re-read: their system rows cannot be compared exactly. */
    private final Set<String> notRealigned = new TreeSet<>();
    private long accountsChecked;

    SummarySnapshot(Scope scope, int maxRealigned, CustomerRowCheck customers, Consumer<Divergence> report) {
        this.scope = scope;
        this.maxRealigned = maxRealigned;
        this.customers = customers;
        this.report = report;
    }

    /**
     * Reads every in-scope row in one REPEATABLE READ snapshot, compares the rows at the scan's version, keeps the
     * others (and the recomputed accounts without a row) for the realignment.
     */
    void read(AccountReadModel accounts, Recomputation ledger) {
        ReconciliationInterruptedException.checkInterrupted();
        accounts.readSnapshot(scope.currency(), page -> {
            for (SummaryRow row : page) {
                inspect(row, ledger);
            }
            ReconciliationInterruptedException.checkInterrupted();
        });
        ledger.accounts().forEach((accountId, account) -> {
            if (!account.seen && account.currency != null && scope.includes(account.currency)) {
                accountsChecked++;
                keepUnaligned(new Unaligned(accountId, null, account));
            }
        });
    }

    private void inspect(SummaryRow row, Recomputation ledger) {
        readModelSums.merge(row.currency(), row.balance(), BigInteger::add);
        if (row.isSystem()) {
            systemRows.put(row.accountId(), row);
            return;
        }
        accountsChecked++;
        AccountState scanned = ledger.accounts().get(row.accountId());
        if (scanned != null) {
            scanned.seen = true;
            if (scanned.version == row.version()) {
                customers.compare(row, scanned);
                return;
            }
        }
        keepUnaligned(new Unaligned(row.accountId(), row, scanned));
    }

    private void keepUnaligned(Unaligned entry) {
        if (unaligned.size() < maxRealigned) {
            unaligned.add(entry);
            return;
        }
        // more rows off the scan than a run re-reads one by one: the projection is far behind (or replaying)
        String currency = entry.row() != null ? entry.row().currency() : entry.scanned().currency;
        notRealigned.add(currency);
        report.accept(Divergence.ofAccount(IN_FLIGHT, entry.accountId(), currency,
                                           entry.scanned() == null ? null : entry.scanned().version,
                                           entry.row() == null ? "none" : entry.row().version(),
                                           "not at the scanned version and not re-read (more than max-realigned "
                                                   + "such rows; is the account-summary projection replaying?)"));
    }

    /** The read model's own double-entry invariant: each currency's balances sum to zero. */
    void checkInvariant() {
        readModelSums.forEach((currency, sum) -> {
            if (scope.includes(currency) && sum.signum() != 0) {
                report.accept(Divergence.ofCurrency(INVARIANT_BROKEN, currency, 0, sum,
                                                    "read model: the account_summary balances of " + currency
                                                            + " sum to " + sum + " instead of 0"));
            }
        });
    }

    /** The customer rows off the scanned version, for the realignment. */
    List<Unaligned> unaligned() {
        return unaligned;
    }

    Map<String, SummaryRow> systemRows() {
        return systemRows;
    }

    Map<String, BigInteger> readModelSums() {
        return readModelSums;
    }

    Set<String> notRealigned() {
        return notRealigned;
    }

    /** Customer rows compared, and recomputed accounts without a row. */
    long accountsChecked() {
        return accountsChecked;
    }
}
