package dev.ledger.api.account;

/** What a release or capture of a hold did: exactly one of these, never a second effect. */
public enum HoldOutcome {
    APPLIED,
    ALREADY_RELEASED,
    ALREADY_CAPTURED,
    UNKNOWN_HOLD
}
