package dev.ledger.query.reconciliation;

import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.RefundRequestedEvent;
import dev.ledger.api.transfer.RefundSettledEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.api.transfer.TransferStatus;

/**
 * One transfer recomputed from the events that name it, as the transfers projection applies them in store order:
 * what its request asked for, and the status its own stream and its accounts' postings give. The status rules
 * mirror {@code TransferProjection}'s (forward only, terminal statuses never replaced, a hold reserves funds only
 * once no reviewer is awaited, a posted leg completes the transfer); the two must change together. Deliberately
 * small: a run keeps one per transfer, never the events.
 */
final class TransferState {

    /** The request's terms; {@code null} source while the transfer's own stream has not been seen. */
    String source;
    String destination;
    String currency;
    long amount;
    TransferStatus status = TransferStatus.REQUESTED;
    /** The last sequence number of the transfer's own stream, as the row's {@code version}; -1 before its request. */
    long version = -1;
    /** On a refund, the transfer it pays back; on a refunded transfer, what its completed refunds paid back. */
    String refundOf;
    long refunded;
    private ScreeningDecision decision;
    private boolean reviewed;

    boolean requested() {
        return source != null;
    }

    /**
     * Applies an event that names this transfer; events of the transfer's kind from another stream are ignored,
     * as the projection ignores them.
     */
    void apply(String streamId, String transferId, long sequence, Object payload) {
        boolean own = transferId.equals(streamId);
        if (own) {
            version = Math.max(version, sequence);
        }
        if (payload instanceof TransferRequestedEvent e && own) {
            source = e.sourceAccountId();
            destination = e.destinationAccountId();
            amount = e.amount().amount();
            currency = e.amount().currency();
        } else if (payload instanceof TransferScreenedEvent e && own) {
            decision = e.decision();
            switch (e.decision()) {
                case PASSED -> advance(TransferStatus.SCREENING);
                case REVIEW -> advance(TransferStatus.IN_REVIEW);
                case DENIED -> advance(TransferStatus.REJECTED);
            }
        } else if (payload instanceof TransferApprovedEvent && own) {
            reviewed = true;
        } else if (payload instanceof TransferCompletedEvent && own) {
            advance(TransferStatus.COMPLETED);
        } else if (payload instanceof TransferRejectedEvent && own) {
            advance(TransferStatus.REJECTED);
        } else if (payload instanceof TransferFailedEvent && own) {
            advance(TransferStatus.FAILED);
        } else if (payload instanceof HoldPlacedEvent && !awaitsReviewer()) {
            advance(TransferStatus.FUNDS_RESERVED);
        } else if (payload instanceof TransferCreditedEvent || payload instanceof TransferDebitedEvent
                || payload instanceof HoldCapturedEvent) {
            advance(TransferStatus.COMPLETED);
        } else if (payload instanceof RefundRequestedEvent e && own) {
            refundOf = e.refundOf();
        } else if (payload instanceof RefundSettledEvent e && own) {
            refunded = Math.addExact(refunded, e.amount().amount());
        }
    }

    boolean terminal() {
        return status.isTerminal();
    }

    /** What the projection's rank says: a status is only ever replaced by a higher one. */
    static int rank(TransferStatus status) {
        return switch (status) {
            case REQUESTED -> 0;
            case SCREENING -> 1;
            case IN_REVIEW -> 2;
            case FUNDS_RESERVED -> 3;
            case COMPLETED, REJECTED, FAILED -> 4;
        };
    }

    /** The request's terms as findings show them, e.g. {@code 3000 EUR acc-1 -> acc-2}. */
    String terms() {
        return terms(amount, currency, source, destination);
    }

    static String terms(Long amount, String currency, String source, String destination) {
        return amount + " " + currency + " " + source + " -> " + destination;
    }

    /** Screened for review (or not screened yet) and no reviewer has approved: a hold leaves it waiting. */
    private boolean awaitsReviewer() {
        return decision == null ? !reviewed : decision == ScreeningDecision.REVIEW && !reviewed;
    }

    private void advance(TransferStatus next) {
        if (rank(status) < rank(next)) {
            status = next;
        }
    }
}
