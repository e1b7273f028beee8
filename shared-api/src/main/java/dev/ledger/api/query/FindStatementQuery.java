package dev.ledger.api.query;

import java.time.Instant;

/**
 * Asks for an account's statement entries, newest first.
 *
 * @param accountId      the account
 * @param beforeSequence keyset cursor: only entries of events older than this sequence, or {@code null}
 * @param limit          page size, 1..200
 * @param visibleOwner   answer only if this principal owns the account ({@code null}: whoever owns it)
 * @param from           only entries posted at or after this instant, or {@code null}
 * @param to             only entries posted before this instant, or {@code null}
 */
public record FindStatementQuery(String accountId, Long beforeSequence, int limit, String visibleOwner,
                                 Instant from, Instant to) {

    /** All entries, whenever posted. */
    public FindStatementQuery(String accountId, Long beforeSequence, int limit, String visibleOwner) {
        this(accountId, beforeSequence, limit, visibleOwner, null, null);
    }
}
