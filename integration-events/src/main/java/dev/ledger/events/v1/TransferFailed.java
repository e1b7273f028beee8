package dev.ledger.events.v1;

/** A transfer could not complete for a reason that is not the caller's (it moved no money in the end). */
public record TransferFailed(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                             String currency, String reference, String reason, String detail) {
}
