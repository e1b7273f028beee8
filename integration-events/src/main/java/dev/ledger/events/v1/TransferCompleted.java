package dev.ledger.events.v1;

/** A transfer completed: both legs are posted. */
public record TransferCompleted(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                                String currency, String reference) {
}
