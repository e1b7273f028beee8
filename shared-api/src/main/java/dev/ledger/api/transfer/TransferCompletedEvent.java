package dev.ledger.api.transfer;

import dev.ledger.api.Money;

/** Both legs of the transfer are posted: the source was debited and the destination credited. */
public record TransferCompletedEvent(String transferId, String sourceAccountId, String destinationAccountId,
                                     Money amount) implements PartOfTransfer {
}
