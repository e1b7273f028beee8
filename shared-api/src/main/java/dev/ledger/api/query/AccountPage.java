package dev.ledger.api.query;

import java.util.List;

/**
 * One page of accounts.
 *
 * @param items      the accounts, ordered by id
 * @param nextCursor cursor for the next page, or {@code null} on the last page
 */
public record AccountPage(List<AccountView> items, String nextCursor) {
}
