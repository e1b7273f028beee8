package dev.ledger.api;

/**
 * Why a step of a money movement was refused. Recorded in rejection events and shown on transfers, so an
 * operator can tell a screening refusal from a frozen account without reading logs.
 */
public enum RejectionReason {
    INSUFFICIENT_FUNDS,
    ACCOUNT_FROZEN,
    ACCOUNT_CLOSED,
    ACCOUNT_NOT_FOUND,
    CURRENCY_MISMATCH,
    BALANCE_OVERFLOW,
    SCREENING_DENIED,
    REVIEW_REJECTED,
    REVIEW_TIMED_OUT,
    STEP_TIMED_OUT
}
