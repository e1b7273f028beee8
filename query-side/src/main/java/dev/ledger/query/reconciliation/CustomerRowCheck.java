package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.BALANCE_MISMATCH;
import static dev.ledger.query.reconciliation.DivergenceKind.HELD_MISMATCH;
import static dev.ledger.query.reconciliation.DivergenceKind.STATUS_MISMATCH;

import dev.ledger.query.account.AccountReadModel.SummaryRow;
import dev.ledger.query.account.RowRepair;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Consumer;

/** A customer row against the state of its stream at the row's version; a repair rewrites it to that state. */
final class CustomerRowCheck {

    private final Consumer<Divergence> report;
    private final RepairPlan plan;

    CustomerRowCheck(Consumer<Divergence> report, RepairPlan plan) {
        this.report = report;
        this.plan = plan;
    }

    void compare(SummaryRow row, AccountState expected) {
        boolean diverges = false;
        String currency = row.currency();
        if (!row.balance().equals(BigInteger.valueOf(expected.balance))) {
            report.accept(Divergence.ofAccount(BALANCE_MISMATCH, row.accountId(), currency, expected.balance,
                                               row.balance(), "at version " + row.version()));
            diverges = true;
        }
        if (row.held() != expected.held) {
            report.accept(Divergence.ofAccount(HELD_MISMATCH, row.accountId(), currency, expected.held, row.held(),
                                               "at version " + row.version()));
            diverges = true;
        }
        if (!expected.status.name().equals(row.status())) {
            report.accept(Divergence.ofAccount(STATUS_MISMATCH, row.accountId(), currency, expected.status.name(),
                                               row.status(), "at version " + row.version()));
            diverges = true;
        }
        if (diverges) {
            plan.put(row.accountId(), rewrite(row.accountId(), currency, row.version(), expected));
        }
    }

    /** Rewrites a customer row still at {@code guardVersion} to {@code target}. */
    static RowRepair rewrite(String accountId, String currency, long guardVersion, AccountState target) {
        return RowRepair.rewrite(accountId, currency, guardVersion, target.balance, target.held, target.status.name(),
                                 target.version);
    }

    /** Inserts the missing row of a customer account at {@code target}, with what its opening decided. */
    static RowRepair insert(String accountId, String currency, AccountState target, long overdraftLimit,
                            String ownerRef, String owner, Map<String, String> metadata) {
        return RowRepair.insert(accountId, currency, target.balance, target.held, target.status.name(),
                                target.version, overdraftLimit, ownerRef, owner, metadata);
    }
}
