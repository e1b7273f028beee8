package dev.ledger.query.reconciliation;

import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.RefundReleasedEvent;
import dev.ledger.api.transfer.RefundRequestedEvent;
import dev.ledger.api.transfer.RefundReservedEvent;
import dev.ledger.api.transfer.RefundSettledEvent;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Every transfer of the event store folded in one pass, keyed by transfer id: the transfers named by their own
 * stream and those named only by account events (a hold of a transfer whose stream the store does not have, which
 * the projection keeps as a placeholder). One {@link TransferState} per transfer, so memory grows with the number
 * of transfers, as the account fold's grows with the number of accounts.
 */
final class TransferLedger {

    private final Map<String, TransferState> transfers = new HashMap<>();

    /** Folds one event, in store order; events that name no transfer are ignored. */
    void accept(String aggregateType, String aggregateId, long sequence, Object payload) {
        String transferId = transferIdOf(payload);
        if (transferId != null) {
            transfers.computeIfAbsent(transferId, id -> new TransferState())
                     .apply(aggregateId, transferId, sequence, payload);
        }
    }

    Map<String, TransferState> transfers() {
        return transfers;
    }

    /** The transfer an event names, for the events the transfers projection handles. */
    private static String transferIdOf(Object payload) {
        if (payload instanceof TransferRequestedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferScreenedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferApprovedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferCompletedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferRejectedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferFailedEvent e) {
            return e.transferId();
        } else if (payload instanceof HoldPlacedEvent e) {
            return e.transferId();
        } else if (payload instanceof HoldRejectedEvent e) {
            return e.transferId();
        } else if (payload instanceof HoldReleasedEvent e) {
            return e.transferId();
        } else if (payload instanceof HoldCapturedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferDebitedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferCreditedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferCreditRejectedEvent e) {
            return e.transferId();
        } else if (payload instanceof RefundRequestedEvent e) {
            return e.transferId();
        } else if (payload instanceof RefundReservedEvent e) {
            return e.transferId();
        } else if (payload instanceof RefundSettledEvent e) {
            return e.transferId();
        } else if (payload instanceof RefundReleasedEvent e) {
            return e.transferId();
        }
        return null;
    }
}
