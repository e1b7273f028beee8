package dev.ledger.command.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.transfer.RefundReleasedEvent;
import dev.ledger.api.transfer.RefundRequestedEvent;
import dev.ledger.api.transfer.RefundReservedEvent;
import dev.ledger.api.transfer.RefundSettledEvent;
import dev.ledger.api.transfer.RequestTransferCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.command.screening.ScreeningPolicy.ScreeningResult;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A transfer's state and its screening decision: the consistency boundary that makes "screened, then money
 * moved" auditable. The decision and the state it leads to are applied in the same unit of work as the accounts'
 * postings (see {@link TransferBooking}), so request, screening, debit, credit and completion commit in one
 * append. Only a transfer held for review lives on between commits.
 * <p>
 * Its commands are handled by {@link TransferBooking} and {@link RefundBooking}, which need the accounts too; this
 * class keeps the transfer's own rules: which step may follow which, and how much of it is left to refund.
 * <p>
 * One file over 300 lines: Axon wants an aggregate's rules and its event-sourcing handlers in one class, and the
 * refunds are a section of their own at the end.
 */
// cache and lock factory are the repository's (TransferConfiguration)
@Aggregate(repository = "transferRepository")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Transfer {

    @AggregateIdentifier
    private String transferId;
    private String sourceAccountId;
    private String destinationAccountId;
    private Money amount;
    private Stage stage;
    private String requestedBy;
    // refunds (see the section at the end): on a refund, the transfer it pays back; on a refunded transfer, what
    // its completed refunds paid back and what its refunds in review hold reserved, by refund id
    private String refundOf;
    private long refunded;
    private Map<String, Long> refundsReserved = new HashMap<>();

    /** What the aggregate itself must know to accept or refuse the next step. */
    enum Stage {
        /** Screening passed or a reviewer approved; the money moves in this same unit of work. */
        MOVING_MONEY,
        IN_REVIEW, COMPLETED, REJECTED, FAILED;

        boolean isTerminal() {
            return this == COMPLETED || this == REJECTED || this == FAILED;
        }
    }

    Transfer() {
        // for event sourcing
    }

    /**
     * Records the request and its screening verdict; a denied transfer ends here, rejected. The owners of both
     * accounts are recorded so that each party, and nobody else, can see the transfer on the query side.
     */
    Transfer(RequestTransferCommand command, ScreeningResult verdict, String sourceOwner, String destinationOwner) {
        apply(new TransferRequestedEvent(command.transferId(), command.sourceAccountId(),
                                         command.destinationAccountId(), command.amount(), command.reference(),
                                         command.requestedBy(), sourceOwner, destinationOwner,
                                         command.metadata().entries()));
        apply(new TransferScreenedEvent(command.transferId(), verdict.decision(), verdict.hits()));
        if (verdict.decision() == ScreeningDecision.DENIED) {
            apply(new TransferRejectedEvent(command.transferId(), RejectionReason.SCREENING_DENIED,
                                            describe(verdict)));
        }
    }

    void approve(String reviewer, String note) {
        requireInReview();
        requireFourEyes(reviewer);
        apply(new TransferApprovedEvent(transferId, reviewer, note));
    }

    void rejectInReview(String reviewer, String note) {
        requireInReview();
        requireFourEyes(reviewer);
        apply(new TransferRejectedEvent(transferId, RejectionReason.REVIEW_REJECTED,
                                        "rejected by " + reviewer + (note == null ? "" : ": " + note)));
    }

    String requestedBy() {
        return requestedBy;
    }

    /** Whoever asked for a transfer may not decide its review, either way. */
    private void requireFourEyes(String reviewer) {
        if (requestedBy != null && requestedBy.equals(reviewer)) {
            throw new LedgerRuleViolation(ErrorCode.REVIEWER_IS_REQUESTER,
                                          "the principal who requested transfer " + transferId
                                                  + " may not review it: another reviewer must decide");
        }
    }

    /** @return whether the review expired now; {@code false} if a decision came first (a late deadline) */
    boolean expireReview() {
        if (stage != Stage.IN_REVIEW) {
            return false;
        }
        apply(new TransferRejectedEvent(transferId, RejectionReason.REVIEW_TIMED_OUT, "no review decision in time"));
        return true;
    }

    /**
     * An account refused before anything moved or was held (in the request's own unit of work, whether screening
     * passed or asked for review): nothing was posted.
     */
    void reject(RejectionReason reason, String detail) {
        if (stage.isTerminal()) {
            throw new IllegalStateException("transfer " + transferId + " is already " + stage);
        }
        apply(new TransferRejectedEvent(transferId, reason, detail));
    }

    /** An approved transfer cannot be settled after all: its reservation is released in the same commit. */
    void fail(RejectionReason reason, String detail) {
        requireStage(Stage.MOVING_MONEY);
        apply(new TransferFailedEvent(transferId, reason, detail));
    }

    void complete() {
        requireStage(Stage.MOVING_MONEY);
        apply(new TransferCompletedEvent(transferId, sourceAccountId, destinationAccountId, amount));
    }

    Stage stage() {
        return stage;
    }

    String sourceAccountId() {
        return sourceAccountId;
    }

    String destinationAccountId() {
        return destinationAccountId;
    }

    Money amount() {
        return amount;
    }

    private void requireInReview() {
        if (stage != Stage.IN_REVIEW) {
            throw new LedgerRuleViolation(ErrorCode.TRANSFER_NOT_IN_REVIEW,
                                          stage.isTerminal() ? "transfer is " + stage
                                                  : "transfer was already reviewed or needed no review");
        }
    }

    /** A step out of order is a bug of the booking, never a client's doing. */
    private void requireStage(Stage expected) {
        if (stage != expected) {
            throw new IllegalStateException("transfer " + transferId + " is " + stage + ", not " + expected);
        }
    }

    private static String describe(ScreeningResult verdict) {
        return verdict.hits().stream()
                      .filter(hit -> hit.outcome() == ScreeningDecision.DENIED)
                      .map(ScreeningRuleHit::rule)
                      .distinct()
                      .collect(Collectors.joining(", ", "screening: ", ""));
    }

    @EventSourcingHandler
    void on(TransferRequestedEvent event) {
        transferId = event.transferId();
        sourceAccountId = event.sourceAccountId();
        destinationAccountId = event.destinationAccountId();
        amount = event.amount();
        requestedBy = event.requestedBy();
    }

    @EventSourcingHandler
    void on(TransferScreenedEvent event) {
        // DENIED is followed by TransferRejectedEvent in the same append
        stage = event.decision() == ScreeningDecision.REVIEW ? Stage.IN_REVIEW : Stage.MOVING_MONEY;
    }

    @EventSourcingHandler
    void on(TransferApprovedEvent event) {
        stage = Stage.MOVING_MONEY;
    }

    @EventSourcingHandler
    void on(TransferCompletedEvent event) {
        stage = Stage.COMPLETED;
    }

    @EventSourcingHandler
    void on(TransferRejectedEvent event) {
        stage = Stage.REJECTED;
    }

    @EventSourcingHandler
    void on(TransferFailedEvent event) {
        stage = Stage.FAILED;
    }

    // --- refunds -------------------------------------------------------------------------------------------------
    // A refund is a transfer of its own (created by the constructor below); the original keeps the invariant that
    // its refunds never add up to more than its amount, by reserving each refund's amount in the refund's own commit
    // (see RefundBooking for the locks and the order they are taken in).

    /** A refund: the transfer's request and screening as any transfer's, then the link to the transfer it pays back. */
    Transfer(RequestTransferCommand command, ScreeningResult verdict, String sourceOwner, String destinationOwner,
             String refundOf) {
        this(command, verdict, sourceOwner, destinationOwner);
        apply(new RefundRequestedEvent(command.transferId(), refundOf));
    }

    /**
     * Reserves a refund's amount: {@code requested}, or everything still refundable when it is {@code null}.
     * Only a completed transfer can be refunded. A refund cannot be refunded in turn: it would pay the original's
     * amount out again while the original still read "refunded", and the payer who wants to pay back a refund can
     * simply make a transfer.
     *
     * @return the reserved amount, in the transfer's currency
     */
    Money reserveRefund(String refundId, Long requested) {
        if (refundOf != null) {
            throw new LedgerRuleViolation(ErrorCode.TRANSFER_NOT_REFUNDABLE,
                                          "transfer " + transferId + " is itself a refund (of " + refundOf
                                                  + "); a refund cannot be refunded: make a transfer instead");
        }
        if (stage != Stage.COMPLETED) {
            throw new LedgerRuleViolation(ErrorCode.TRANSFER_NOT_REFUNDABLE,
                                          "transfer " + transferId + " is " + stage
                                                  + ": only a completed transfer can be refunded");
        }
        long refundable = refundable();
        long wanted = requested == null ? refundable : requested;
        if (wanted <= 0 || wanted > refundable) {
            throw new LedgerRuleViolation(ErrorCode.REFUND_EXCEEDS_ORIGINAL,
                                          (requested == null ? "nothing" : "at most " + refundable) + " of transfer "
                                                  + transferId + "'s " + amount.amount() + " " + amount.currency()
                                                  + " is left to refund (refunded " + refunded + ", in review "
                                                  + reservedTotal() + ")");
        }
        Money reserved = new Money(wanted, amount.currency());
        apply(new RefundReservedEvent(transferId, refundId, reserved));
        return reserved;
    }

    /** The refund completed: its reservation becomes refunded for good. */
    void settleRefund(String refundId) {
        apply(new RefundSettledEvent(transferId, refundId, reservation(refundId)));
    }

    /** The refund ended without moving money: its amount is refundable again. */
    void releaseRefund(String refundId, TransferStatus refundStatus) {
        apply(new RefundReleasedEvent(transferId, refundId, reservation(refundId), refundStatus));
    }

    boolean reservedForRefund(String refundId) {
        return refundsReserved.containsKey(refundId);
    }

    /** The transfer this one refunds, or {@code null}. */
    String refundOf() {
        return refundOf;
    }

    private Money reservation(String refundId) {
        Long reserved = refundsReserved.get(refundId);
        if (reserved == null) {
            throw new IllegalStateException("transfer " + transferId + " holds no reservation for refund " + refundId);
        }
        return new Money(reserved, amount.currency());
    }

    private long refundable() {
        return Math.subtractExact(Math.subtractExact(amount.amount(), refunded), reservedTotal());
    }

    private long reservedTotal() {
        return refundsReserved.values().stream().mapToLong(Long::longValue).reduce(0L, Math::addExact);
    }

    @EventSourcingHandler
    void on(RefundRequestedEvent event) {
        refundOf = event.refundOf();
    }

    @EventSourcingHandler
    void on(RefundReservedEvent event) {
        refundsReserved.put(event.refundId(), event.amount().amount());
    }

    @EventSourcingHandler
    void on(RefundSettledEvent event) {
        refundsReserved.remove(event.refundId());
        refunded = Math.addExact(refunded, event.amount().amount());
    }

    @EventSourcingHandler
    void on(RefundReleasedEvent event) {
        refundsReserved.remove(event.refundId());
    }
}
