package dev.ledger.api.account;

/** Lifecycle of an account. Only an {@link #OPEN} account accepts debits and credits. */
public enum AccountStatus {
    OPEN,
    FROZEN,
    CLOSED
}
