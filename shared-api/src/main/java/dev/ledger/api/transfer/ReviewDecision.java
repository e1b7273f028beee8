package dev.ledger.api.transfer;

/** A reviewer's verdict on a transfer in review. */
public enum ReviewDecision {
    APPROVE,
    REJECT
}
