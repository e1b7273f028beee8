package dev.ledger.api.transfer;

import dev.ledger.api.RejectionReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a transfer as rejected before any money moved (sent by the transfer process). No-op once terminal. */
public record RejectTransferCommand(@TargetAggregateIdentifier String transferId, RejectionReason reason,
                                    String detail) {
}
