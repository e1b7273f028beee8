package dev.ledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that both legs of a transfer are posted (sent by the transfer process). No-op once terminal. */
public record CompleteTransferCommand(@TargetAggregateIdentifier String transferId) {
}
