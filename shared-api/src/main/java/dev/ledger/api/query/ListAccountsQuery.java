package dev.ledger.api.query;

/**
 * Lists accounts ordered by id, optionally of one currency.
 *
 * @param currency   only this currency, or {@code null} for all
 * @param afterId    keyset cursor: only ids greater than this, or {@code null} from the start
 * @param limit      page size, 1..200
 * @param visibleOwner only accounts this principal owns, or {@code null} for all
 */
public record ListAccountsQuery(String currency, String afterId, int limit, String visibleOwner) {
}
