package dev.ledger.query.account;

import java.math.BigInteger;
import java.util.Map;

/**
 * One guarded write that makes an {@code account_summary} row what the event store says. Customer rows are
 * guarded by the version the run compared against, so an event the projection applied since is never
 * overwritten; system rows, which every posting of their currency moves, are corrected by the difference the
 * run measured, which concurrent postings do not invalidate. Balances and differences are of any size, as a
 * system row's is (V7). Applied by {@link AccountReadModel#repair}.
 */
public record RowRepair(Action action, String accountId, String currency, long guardVersion, BigInteger balance,
                        long held, String status, long version, long overdraftLimit, String ownerRef, String owner,
                        BigInteger delta, Map<String, String> metadata) {

    public enum Action {
        REWRITE_CUSTOMER, INSERT_CUSTOMER, DELETE_CUSTOMER, ADJUST_SYSTEM, INSERT_SYSTEM, DELETE_SYSTEM
    }

    /**
     * Sets balance, held, status and version of a customer row still at {@code guardVersion}; what the opening
     * decided (overdraft limit, owner reference, owner, labels) is left as it is.
     */
    public static RowRepair rewrite(String accountId, String currency, long guardVersion, long balance, long held,
                                    String status, long version) {
        return new RowRepair(Action.REWRITE_CUSTOMER, accountId, currency, guardVersion, BigInteger.valueOf(balance),
                             held, status, version, 0, null, null, BigInteger.ZERO, null);
    }

    /** Inserts the missing row of a customer account, with what its opening decided (labels included). */
    public static RowRepair insert(String accountId, String currency, long balance, long held, String status,
                                   long version, long overdraftLimit, String ownerRef, String owner,
                                   Map<String, String> metadata) {
        return new RowRepair(Action.INSERT_CUSTOMER, accountId, currency, -1, BigInteger.valueOf(balance), held,
                             status, version, overdraftLimit, ownerRef, owner, BigInteger.ZERO, metadata);
    }

    /** Deletes a customer row the event store knows nothing of, if still at {@code guardVersion}. */
    public static RowRepair delete(String accountId, String currency, long guardVersion) {
        return new RowRepair(Action.DELETE_CUSTOMER, accountId, currency, guardVersion, BigInteger.ZERO, 0, null, 0, 0,
                             null, null, BigInteger.ZERO, null);
    }

    /** Moves a system row by {@code delta}. */
    public static RowRepair adjustSystem(String accountId, String currency, BigInteger delta) {
        return new RowRepair(Action.ADJUST_SYSTEM, accountId, currency, -1, BigInteger.ZERO, 0, null, -1, 0, null,
                             null, delta, null);
    }

    /** Creates a missing system row with {@code balance} (or adds it, if a posting created the row meanwhile). */
    public static RowRepair insertSystem(String accountId, String currency, BigInteger balance) {
        return new RowRepair(Action.INSERT_SYSTEM, accountId, currency, -1, BigInteger.ZERO, 0, null, -1, 0, null,
                             null, balance, null);
    }

    /** Deletes a system row nothing posts against, if its balance is still {@code balance}. */
    public static RowRepair deleteSystem(String accountId, String currency, BigInteger balance) {
        return new RowRepair(Action.DELETE_SYSTEM, accountId, currency, -1, balance, 0, null, -1, 0, null, null,
                             BigInteger.ZERO, null);
    }
}
