package dev.ledger.query.account;

import java.time.Instant;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Reads of the statement; its writes are batched by {@link StatementWrites}. */
interface StatementRepository extends JpaRepository<StatementEntry, StatementEntry.Key> {

    @Query("SELECT h FROM StatementHead h WHERE h.accountId = :accountId")
    StatementHead head(@Param("accountId") String accountId);

    @Query("""
            SELECT e FROM StatementEntry e WHERE e.accountId = :accountId AND e.sequence < :before
            ORDER BY e.sequence DESC
            """)
    List<StatementEntry> newestBefore(@Param("accountId") String accountId, @Param("before") long before,
                                      Limit limit);

    /** {@link #newestBefore} posted in {@code [from, to)}: the sequence cursor pages through the range as through all. */
    @Query("""
            SELECT e FROM StatementEntry e WHERE e.accountId = :accountId AND e.sequence < :before
               AND e.postedAt >= :from AND e.postedAt < :to
            ORDER BY e.sequence DESC
            """)
    List<StatementEntry> newestBeforeBetween(@Param("accountId") String accountId, @Param("before") long before,
                                             @Param("from") Instant from, @Param("to") Instant to, Limit limit);

    @Modifying
    @Query(value = "TRUNCATE statement_entry, statement_head", nativeQuery = true)
    void truncate();
}
