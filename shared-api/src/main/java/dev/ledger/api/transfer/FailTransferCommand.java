package dev.ledger.api.transfer;

import dev.ledger.api.RejectionReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a transfer as failed after its reservation was released (compensated). No-op once terminal. */
public record FailTransferCommand(@TargetAggregateIdentifier String transferId, RejectionReason reason,
                                  String detail) {
}
