package dev.ledger.query.account;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Writes of the account summary are single guarded statements, never read-modify-write: a redelivered event
 * changes nothing (the version guard), and system-account rows, touched by every posting of their currency from
 * several segments at once, are updated atomically in the database.
 */
interface AccountSummaryRepository extends JpaRepository<AccountSummary, String> {

    @Modifying
    @Query(value = """
            INSERT INTO account_summary (account_id, kind, currency, balance, held, overdraft_limit, status,
                                         owner_ref, version, updated_at)
            VALUES (:accountId, 'CUSTOMER', :currency, 0, 0, :overdraftLimit, 'OPEN', :ownerRef, :version, :at)
            ON CONFLICT (account_id) DO NOTHING
            """, nativeQuery = true)
    int insertOpened(@Param("accountId") String accountId, @Param("currency") String currency,
                     @Param("overdraftLimit") long overdraftLimit, @Param("ownerRef") String ownerRef,
                     @Param("version") long version, @Param("at") Instant at);

    /**
     * The one guarded write of a customer row: sets what the event reports (absolute values, never deltas; a
     * {@code null} leaves the column as it is) and the version, only if no event at or after {@code version} of
     * the account was applied yet.
     *
     * @return 1 when applied, 0 when this or a later event of the account was applied already
     */
    @Modifying
    @Query("""
            UPDATE AccountSummary a
               SET a.balance = COALESCE(:balance, a.balance),
                   a.held = COALESCE(:held, a.held),
                   a.status = COALESCE(:status, a.status),
                   a.version = :version,
                   a.updatedAt = :at
             WHERE a.accountId = :accountId AND a.version < :version
            """)
    int applyGuarded(@Param("accountId") String accountId, @Param("version") long version, @Param("at") Instant at,
                     @Param("balance") Long balance, @Param("held") Long held, @Param("status") String status);

    @Modifying
    @Query(value = """
            INSERT INTO account_summary (account_id, kind, currency, balance, held, overdraft_limit, status,
                                         owner_ref, version, updated_at)
            VALUES (:accountId, 'SYSTEM', :currency, :delta, 0, 0, 'OPEN', NULL, -1, :at)
            ON CONFLICT (account_id) DO UPDATE
               SET balance = account_summary.balance + EXCLUDED.balance,
                   updated_at = GREATEST(account_summary.updated_at, EXCLUDED.updated_at)
            """, nativeQuery = true)
    int addToSystemAccount(@Param("accountId") String accountId, @Param("currency") String currency,
                           @Param("delta") long delta, @Param("at") Instant at);

    @Query("SELECT a FROM AccountSummary a WHERE a.accountId > :afterId ORDER BY a.accountId")
    List<AccountSummary> pageAfter(@Param("afterId") String afterId, Limit limit);

    @Query("""
            SELECT a FROM AccountSummary a WHERE a.currency = :currency AND a.accountId > :afterId
            ORDER BY a.accountId
            """)
    List<AccountSummary> pageOfCurrencyAfter(@Param("currency") String currency, @Param("afterId") String afterId,
                                             Limit limit);
}
