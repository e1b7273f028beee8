package dev.ledger.api.query;

/**
 * Lists accounts ordered by id, optionally of one currency.
 *
 * @param currency   only this currency, or {@code null} for all
 * @param afterId    keyset cursor: only ids greater than this, or {@code null} from the start
 * @param limit      page size, 1..200
 */
public record ListAccountsQuery(String currency, String afterId, int limit) {
}
