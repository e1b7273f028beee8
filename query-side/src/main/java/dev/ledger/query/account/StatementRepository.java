package dev.ledger.query.account;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Statement writes are inserts keyed by (account, event sequence): a redelivered event inserts nothing. */
interface StatementRepository extends JpaRepository<StatementEntry, StatementEntry.Key> {

    @Modifying
    @Query(value = """
            INSERT INTO statement_entry (account_id, sequence, entry_id, amount, currency, direction, balance_after,
                                         transfer_id, correlation_id, posted_at)
            VALUES (:accountId, :sequence, :entryId, :amount, :currency, :direction, :balanceAfter,
                    :transferId, :correlationId, :at)
            ON CONFLICT (account_id, sequence) DO NOTHING
            """, nativeQuery = true)
    int insertEntry(@Param("accountId") String accountId, @Param("sequence") long sequence,
                    @Param("entryId") String entryId, @Param("amount") long amount,
                    @Param("currency") String currency, @Param("direction") String direction,
                    @Param("balanceAfter") long balanceAfter, @Param("transferId") String transferId,
                    @Param("correlationId") String correlationId, @Param("at") Instant at);

    @Modifying
    @Query(value = """
            INSERT INTO statement_head (account_id, last_sequence) VALUES (:accountId, :sequence)
            ON CONFLICT (account_id) DO UPDATE
               SET last_sequence = GREATEST(statement_head.last_sequence, EXCLUDED.last_sequence)
            """, nativeQuery = true)
    int advanceHead(@Param("accountId") String accountId, @Param("sequence") long sequence);

    @Query("SELECT h FROM StatementHead h WHERE h.accountId = :accountId")
    StatementHead head(@Param("accountId") String accountId);

    @Query("""
            SELECT e FROM StatementEntry e WHERE e.accountId = :accountId AND e.sequence < :before
            ORDER BY e.sequence DESC
            """)
    List<StatementEntry> newestBefore(@Param("accountId") String accountId, @Param("before") long before,
                                      Limit limit);

    @Modifying
    @Query(value = "TRUNCATE statement_entry, statement_head", nativeQuery = true)
    void truncate();
}
