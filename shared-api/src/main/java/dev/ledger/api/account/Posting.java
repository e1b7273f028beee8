package dev.ledger.api.account;

import dev.ledger.api.Money;

/**
 * An event that posts money on one account, with the other leg on a system account of the same currency (the
 * world account for deposits and withdrawals, the transit account for the legs of a transfer). The double-entry
 * rule is written here once: the contra account moves by the opposite of the account, so every currency sums to
 * zero after every posting. Readers (the statement, the balances, reconciliation) handle this shape instead of each
 * posting event.
 */
public interface Posting {

    /** The account the posting moves. */
    String accountId();

    /** The posting's id, unique in the ledger (the statement entry id). */
    String postingId();

    /** The positive amount posted. */
    Money amount();

    /** The account's balance after the posting, in minor units. */
    long balanceAfter();

    /** The system account that takes the other leg, e.g. {@code world:EUR} or {@code transit:EUR}. */
    String contraAccountId();

    /** Which way the posting moves {@link #accountId()}. */
    PostingDirection direction();

    /** The transfer the posting is a leg of, or {@code null} for a deposit or a withdrawal. */
    default String transferId() {
        return null;
    }

    /** The change of {@link #accountId()}'s balance: the amount for a credit, its negation for a debit. */
    default long accountDelta() {
        return direction() == PostingDirection.CREDIT ? amount().amount() : -amount().amount();
    }

    /** The change of {@link #contraAccountId()}'s balance: the opposite of the account's. */
    default long contraDelta() {
        return -accountDelta();
    }
}
