package dev.ledger.events.v1;

/**
 * A transfer was refused before any money moved, or was reversed in full.
 *
 * @param reason the ledger's rejection reason, for example {@code INSUFFICIENT_FUNDS}
 */
public record TransferRejected(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                               String currency, String reference, String reason, String detail) {
}
