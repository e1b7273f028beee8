package dev.ledger.query.account;

import dev.ledger.platform.LedgerStorageProperties;
import dev.ledger.query.metadata.MetadataJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies {@link RowRepair}s to {@code account_summary}, all of one currency in one transaction: either every
 * guarded write matches, or none is kept. A guard misses when the projection applied an event to the row after
 * the run read it; the projection's newer row then wins and the run reports the divergence as not repaired.
 */
@Component
class ReadModelRepair {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRepair.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String table;
    private final BalanceHistory history;

    ReadModelRepair(JdbcTemplate jdbc, PlatformTransactionManager transactions, LedgerStorageProperties storage,
                    BalanceHistory history) {
        this.history = history;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.table = storage.own("account_summary");
    }

    /** @return whether all of {@code repairs} were applied (else none was) */
    boolean apply(List<RowRepair> repairs) {
        try {
            transaction.executeWithoutResult(tx -> repairs.forEach(this::applyOne));
            repairs.forEach(r -> log.warn("reconciliation repaired {} row {} ({})", r.currency(), r.accountId(),
                                          r.action()));
            return true;
        } catch (GuardMissed missed) {
            log.warn("reconciliation repair of {} rolled back: {}", repairs.get(0).currency(), missed.getMessage());
            return false;
        }
    }

    private void applyOne(RowRepair r) {
        int rows = switch (r.action()) {
            case REWRITE_CUSTOMER -> jdbc.update(
                    "UPDATE " + table + " SET balance = ?, held = ?, status = ?, version = ?, updated_at = now()"
                            + " WHERE account_id = ? AND kind = 'CUSTOMER' AND version = ?",
                    numeric(r.balance()), r.held(), r.status(), r.version(), r.accountId(), r.guardVersion());
            case INSERT_CUSTOMER -> jdbc.update(
                    "INSERT INTO " + table + " (account_id, kind, currency, balance, held, overdraft_limit, status,"
                            + " owner_ref, owner, version, updated_at, metadata)"
                            + " VALUES (?, 'CUSTOMER', ?, ?, ?, ?, ?, ?, ?, ?, now(), CAST(? AS JSONB))"
                            + " ON CONFLICT (account_id) DO NOTHING",
                    r.accountId(), r.currency(), numeric(r.balance()), r.held(), r.overdraftLimit(), r.status(),
                    r.ownerRef(), r.owner(), r.version(), MetadataJson.toJson(r.metadata()));
            case DELETE_CUSTOMER -> jdbc.update(
                    "DELETE FROM " + table + " WHERE account_id = ? AND kind = 'CUSTOMER' AND version = ?",
                    r.accountId(), r.guardVersion());
            case ADJUST_SYSTEM -> jdbc.update(
                    "UPDATE " + table + " SET balance = balance + ?, updated_at = now()"
                            + " WHERE account_id = ? AND kind = 'SYSTEM'",
                    numeric(r.delta()), r.accountId());
            case INSERT_SYSTEM -> jdbc.update(
                    "INSERT INTO " + table + " AS a (account_id, kind, currency, balance, held, overdraft_limit,"
                            + " status, owner_ref, version, updated_at)"
                            + " VALUES (?, 'SYSTEM', ?, ?, 0, 0, 'OPEN', NULL, -1, now())"
                            + " ON CONFLICT (account_id) DO UPDATE SET balance = a.balance + EXCLUDED.balance",
                    r.accountId(), r.currency(), numeric(r.delta()));
            case DELETE_SYSTEM -> jdbc.update(
                    "DELETE FROM " + table + " WHERE account_id = ? AND kind = 'SYSTEM' AND balance = ?",
                    r.accountId(), numeric(r.balance()));
        };
        if (rows != 1) {
            throw new GuardMissed(r.accountId() + " changed since it was compared (" + r.action() + ")");
        }
        // the history was written with the row that diverged: rebuilt from the stream with it, in its transaction
        switch (r.action()) {
            case REWRITE_CUSTOMER, INSERT_CUSTOMER -> history.rebuild(r.accountId(), r.version());
            case DELETE_CUSTOMER -> history.forget(r.accountId());
            default -> {
                // system rows have no history: they are no aggregate, and have no versions
            }
        }
    }

    /** The column is NUMERIC (V7); the driver binds a BigDecimal as one. */
    private static BigDecimal numeric(BigInteger value) {
        return new BigDecimal(value);
    }

    private static final class GuardMissed extends RuntimeException {
        GuardMissed(String message) {
            super(message, null, false, false);
        }
    }
}
