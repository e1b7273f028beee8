package dev.ledger.query.transfer;

import dev.ledger.api.Metadata;
import dev.ledger.query.metadata.MetadataContainment;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/**
 * The rows of one page of the transfer list, newest first, keyset-paginated by {@link TransferCursor}.
 * <p>
 * A caller restricted to an owner sees the transfers whose source it owns and those whose destination it owns. In
 * one statement ({@code source_owner = ? OR destination_owner = ?}) PostgreSQL would gather every transfer of the
 * owner from both indexes and sort them for each page: a client application that owns many accounts has a great
 * many. So each side is read newest first along its own index, only as far as the page needs, and the page is cut
 * from the union of the two by the database again (ordering there, not in Java, keeps the order of equal
 * timestamps, and so the cursor, the database's).
 */
@Component
class TransferListing {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("requestedAt"), Sort.Order.desc("transferId"));
    private static final List<String> PARTIES = List.of("sourceOwner", "destinationOwner");

    private final TransferRepository transfers;

    TransferListing(TransferRepository transfers) {
        this.transfers = transfers;
    }

    /**
     * At most {@code count} requested transfers after {@code cursor}, newest first.
     *
     * @param visibleOwner only transfers whose source or destination it owns, or {@code null} for all
     */
    List<TransferRecord> newest(String accountId, String status, Metadata metadata, String visibleOwner,
                                TransferCursor cursor, int count) {
        Specification<TransferRecord> filter = filter(accountId, status, metadata, cursor);
        if (visibleOwner == null) {
            return newest(filter, count);
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (String party : PARTIES) {
            Specification<TransferRecord> side = filter.and((root, query, cb) -> cb.equal(root.get(party),
                                                                                          visibleOwner));
            newest(side, count).forEach(row -> candidates.add(row.transferId()));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        // the page's rows are among each side's first `count`; a transfer between two of the owner's accounts
        // is on both sides, but only once here
        return newest((root, query, cb) -> root.get("transferId").in(candidates), count);
    }

    private List<TransferRecord> newest(Specification<TransferRecord> filter, int count) {
        return transfers.findBy(filter, q -> q.sortBy(NEWEST_FIRST).limit(count).all());
    }

    private static Specification<TransferRecord> filter(String accountId, String status, Metadata metadata,
                                                        TransferCursor cursor) {
        return (root, criteriaQuery, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.isNotNull(root.get("requestedAt")));
            if (accountId != null) {
                where.add(cb.or(cb.equal(root.get("sourceAccountId"), accountId),
                                cb.equal(root.get("destinationAccountId"), accountId)));
            }
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            if (!metadata.isEmpty()) {
                where.add(MetadataContainment.contains(cb, root.get("metadata"), metadata));
            }
            if (cursor != null) {
                // (requestedAt, transferId) < cursor, spelled so the index range on requested_at is usable
                where.add(cb.lessThanOrEqualTo(root.get("requestedAt"), cursor.requestedAt()));
                where.add(cb.or(cb.lessThan(root.get("requestedAt"), cursor.requestedAt()),
                                cb.lessThan(root.get("transferId"), cursor.transferId())));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
