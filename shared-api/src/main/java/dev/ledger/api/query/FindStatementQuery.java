package dev.ledger.api.query;

/**
 * Asks for an account's statement entries, newest first.
 *
 * @param accountId      the account
 * @param beforeSequence keyset cursor: only entries of events older than this sequence, or {@code null}
 * @param limit          page size, 1..200
 * @param visibleOwner   answer only if this principal owns the account ({@code null}: whoever owns it)
 */
public record FindStatementQuery(String accountId, Long beforeSequence, int limit, String visibleOwner) {
}
