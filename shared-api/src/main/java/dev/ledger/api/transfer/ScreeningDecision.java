package dev.ledger.api.transfer;

/** The AML screening verdict on a transfer. */
public enum ScreeningDecision {
    /** no rule fired; money may move */
    PASSED,
    /** a soft rule fired (threshold, velocity); a person must approve or reject */
    REVIEW,
    /** a hard rule fired (deny list); the transfer is rejected */
    DENIED
}
