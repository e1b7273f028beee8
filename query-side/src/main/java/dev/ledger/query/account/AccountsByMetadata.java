package dev.ledger.query.account;

import dev.ledger.api.Metadata;
import dev.ledger.query.metadata.MetadataContainment;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/**
 * A page of the account list filtered by labels: the same keyset ({@code account_id > after}, by id) and the same
 * owner and currency conditions as the unfiltered pages, plus containment of the wanted labels. The owner condition
 * is part of the one statement, so a holder's filter only ever matches its own accounts.
 */
final class AccountsByMetadata {

    static final Sort BY_ID = Sort.by("accountId");

    private AccountsByMetadata() {
    }

    static Specification<AccountSummary> page(String currency, String owner, String after, Metadata wanted) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.greaterThan(root.get("accountId"), after));
            if (currency != null) {
                where.add(cb.equal(root.get("currency"), currency));
            }
            if (owner != null) {
                where.add(cb.equal(root.get("owner"), owner));
            }
            where.add(MetadataContainment.contains(cb, root.get("metadata"), wanted));
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
