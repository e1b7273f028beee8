package dev.ledger.api.account;

/** Which way a posting moves its account: a credit raises the balance, a debit lowers it. */
public enum PostingDirection {
    CREDIT,
    DEBIT
}
