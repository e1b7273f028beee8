package dev.ledger.api.query;

/** Asks for one transfer; answered with a {@link TransferView}, or none when unknown. */
public record FindTransferQuery(String transferId) {
}
