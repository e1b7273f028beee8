package dev.ledger.api.query;

/**
 * Asks for one transfer; answered with a {@link TransferView}, or none when unknown.
 *
 * @param transferId   the transfer
 * @param visibleOwner answer only if this principal owns its source or destination ({@code null}: always)
 */
public record FindTransferQuery(String transferId, String visibleOwner) {
}
