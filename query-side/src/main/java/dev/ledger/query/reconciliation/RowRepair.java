package dev.ledger.query.reconciliation;

import java.math.BigInteger;

/**
 * One guarded write that makes an {@code account_summary} row what the event store says. Customer rows are
 * guarded by the version the run compared against, so an event the projection applied since is never
 * overwritten; system rows, which every posting of their currency moves, are corrected by the difference the
 * run measured, which concurrent postings do not invalidate. Balances and differences are of any size, as a
 * system row's is (V7).
 */
record RowRepair(Action action, String accountId, String currency, long guardVersion, BigInteger balance, long held,
                 String status, long version, long overdraftLimit, String ownerRef, String owner, BigInteger delta) {

    enum Action { REWRITE_CUSTOMER, INSERT_CUSTOMER, DELETE_CUSTOMER, ADJUST_SYSTEM, INSERT_SYSTEM, DELETE_SYSTEM }

    /**
     * Sets balance, held, status and version of a customer row still at {@code guardVersion}; what the opening
     * decided (overdraft limit, owner reference, owner) is left as it is.
     */
    static RowRepair rewrite(String accountId, String currency, long guardVersion, AccountState target) {
        return new RowRepair(Action.REWRITE_CUSTOMER, accountId, currency, guardVersion,
                             BigInteger.valueOf(target.balance), target.held, target.status.name(), target.version, 0,
                             null, null, BigInteger.ZERO);
    }

    /** Inserts the missing row of a customer account, with what its opening decided. */
    static RowRepair insert(String accountId, String currency, AccountState target, long overdraftLimit,
                            String ownerRef, String owner) {
        return new RowRepair(Action.INSERT_CUSTOMER, accountId, currency, -1, BigInteger.valueOf(target.balance),
                             target.held, target.status.name(), target.version, overdraftLimit, ownerRef, owner,
                             BigInteger.ZERO);
    }

    /** Deletes a customer row the event store knows nothing of, if still at {@code guardVersion}. */
    static RowRepair delete(String accountId, String currency, long guardVersion) {
        return new RowRepair(Action.DELETE_CUSTOMER, accountId, currency, guardVersion, BigInteger.ZERO, 0, null, 0, 0,
                             null, null, BigInteger.ZERO);
    }

    /** Moves a system row by {@code delta}. */
    static RowRepair adjustSystem(String accountId, String currency, BigInteger delta) {
        return new RowRepair(Action.ADJUST_SYSTEM, accountId, currency, -1, BigInteger.ZERO, 0, null, -1, 0, null,
                             null, delta);
    }

    /** Creates a missing system row with {@code balance} (or adds it, if a posting created the row meanwhile). */
    static RowRepair insertSystem(String accountId, String currency, BigInteger balance) {
        return new RowRepair(Action.INSERT_SYSTEM, accountId, currency, -1, BigInteger.ZERO, 0, null, -1, 0, null,
                             null, balance);
    }

    /** Deletes a system row nothing posts against, if its balance is still {@code balance}. */
    static RowRepair deleteSystem(String accountId, String currency, BigInteger balance) {
        return new RowRepair(Action.DELETE_SYSTEM, accountId, currency, -1, balance, 0, null, -1, 0, null, null,
                             BigInteger.ZERO);
    }
}
