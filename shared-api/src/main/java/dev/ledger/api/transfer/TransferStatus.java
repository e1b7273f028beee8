package dev.ledger.api.transfer;

/**
 * Where a transfer is. {@link #COMPLETED}, {@link #REJECTED} (refused before any money moved) and {@link #FAILED}
 * (stopped after funds were reserved, reservation released) are terminal.
 */
public enum TransferStatus {
    REQUESTED,
    SCREENING,
    IN_REVIEW,
    FUNDS_RESERVED,
    COMPLETED,
    REJECTED,
    FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == REJECTED || this == FAILED;
    }
}
