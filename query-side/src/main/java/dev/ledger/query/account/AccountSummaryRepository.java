package dev.ledger.query.account;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Reads of the account summary; its writes are batched by {@link AccountSummaryWrites}. Pages filtered by labels are
 * {@link AccountsByMetadata}' specifications.
 */
interface AccountSummaryRepository extends JpaRepository<AccountSummary, String>,
                                          JpaSpecificationExecutor<AccountSummary> {

    @Query("SELECT a FROM AccountSummary a WHERE a.accountId > :afterId ORDER BY a.accountId")
    List<AccountSummary> pageAfter(@Param("afterId") String afterId, Limit limit);

    @Query("""
            SELECT a FROM AccountSummary a WHERE a.currency = :currency AND a.accountId > :afterId
            ORDER BY a.accountId
            """)
    List<AccountSummary> pageOfCurrencyAfter(@Param("currency") String currency, @Param("afterId") String afterId,
                                             Limit limit);

    // a holder's pages: one statement per filter rather than "(:owner IS NULL OR ...)", which a generic plan could
    // not serve from the (owner, account_id) index

    @Query("SELECT a FROM AccountSummary a WHERE a.owner = :owner AND a.accountId > :afterId ORDER BY a.accountId")
    List<AccountSummary> pageOfOwnerAfter(@Param("owner") String owner, @Param("afterId") String afterId, Limit limit);

    @Query("""
            SELECT a FROM AccountSummary a WHERE a.owner = :owner AND a.currency = :currency AND a.accountId > :afterId
            ORDER BY a.accountId
            """)
    List<AccountSummary> pageOfOwnerAndCurrencyAfter(@Param("owner") String owner, @Param("currency") String currency,
                                                     @Param("afterId") String afterId, Limit limit);
}
