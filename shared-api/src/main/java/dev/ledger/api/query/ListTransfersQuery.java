package dev.ledger.api.query;

import dev.ledger.api.Metadata;

/**
 * Lists transfers, newest first.
 *
 * @param accountId  only transfers from or to this account, or {@code null}
 * @param status     only this status, or {@code null}
 * @param cursor     keyset cursor from a previous page, or {@code null}
 * @param limit      page size, 1..200
 * @param visibleOwner only transfers whose source or destination this principal owns, or {@code null} for all
 * @param metadata     only transfers whose labels include all of these; empty (or {@code null}) for no filter
 */
public record ListTransfersQuery(String accountId, String status, String cursor, int limit, String visibleOwner,
                                 Metadata metadata) {

    public ListTransfersQuery {
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    /** Without a label filter. */
    public ListTransfersQuery(String accountId, String status, String cursor, int limit, String visibleOwner) {
        this(accountId, status, cursor, limit, visibleOwner, Metadata.EMPTY);
    }
}
