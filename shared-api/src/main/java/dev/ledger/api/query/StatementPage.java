package dev.ledger.api.query;

import java.util.List;

/**
 * One page of a statement.
 *
 * @param accountId       the account
 * @param known           whether the statement projection has seen the account at all
 * @param appliedSequence the last sequence of the account applied by the statement projection, -1 if none
 * @param items           entries, newest first
 * @param nextCursor      cursor for older entries, or {@code null} when there are none
 */
public record StatementPage(String accountId, boolean known, long appliedSequence, List<StatementEntryView> items,
                            String nextCursor) {
}
