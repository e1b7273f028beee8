package dev.ledger.api.query;

import dev.ledger.api.Metadata;

/**
 * Lists accounts ordered by id, optionally of one currency.
 *
 * @param currency   only this currency, or {@code null} for all
 * @param afterId    keyset cursor: only ids greater than this, or {@code null} from the start
 * @param limit      page size, 1..200
 * @param visibleOwner only accounts this principal owns, or {@code null} for all
 * @param metadata     only accounts whose labels include all of these; empty (or {@code null}) for no filter
 */
public record ListAccountsQuery(String currency, String afterId, int limit, String visibleOwner, Metadata metadata) {

    public ListAccountsQuery {
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    /** Without a label filter. */
    public ListAccountsQuery(String currency, String afterId, int limit, String visibleOwner) {
        this(currency, afterId, limit, visibleOwner, Metadata.EMPTY);
    }
}
