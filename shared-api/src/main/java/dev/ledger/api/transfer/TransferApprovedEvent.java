package dev.ledger.api.transfer;

/** A reviewer approved a transfer held for review; money may move. */
public record TransferApprovedEvent(String transferId, String reviewer, String note) implements PartOfTransfer {
}
