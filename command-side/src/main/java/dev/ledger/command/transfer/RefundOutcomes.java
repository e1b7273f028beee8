package dev.ledger.command.transfer;

import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.command.directory.TransferDirectory;
import java.util.Optional;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * The original's side of every step that ends a refund: the refund's own commit when it ends at once (completed, or
 * rejected by screening or an account), a reviewer's decision or the review's expiry when it was held for review.
 * The original records the ending in that same commit: settled (refunded for good) or released (refundable again).
 * <p>
 * Lock order of refunds, everywhere: the original first, then the refund, then the accounts by id. So a step on a
 * refund that may end it (review, expiry) looks the original up in the transfer directory and locks it before it
 * loads the refund.
 */
@Component
class RefundOutcomes {

    private final Repository<Transfer> transfers;
    private final TransferDirectory directory;

    RefundOutcomes(Repository<Transfer> transferRepository, TransferDirectory directory) {
        this.transfers = transferRepository;
        this.directory = directory;
    }

    /** Locks the original if {@code transferId} is a refund; empty (and nothing locked) for any other transfer. */
    Optional<Aggregate<Transfer>> lockOriginalOf(String transferId) {
        return directory.refundOf(transferId).map(transfers::load);
    }

    /**
     * Records on the original how its refund ended, if it ended in this unit of work: a refund still in review keeps
     * its reservation, and one the original already recorded (a late expiry) changes nothing.
     */
    static void record(Aggregate<Transfer> original, Aggregate<Transfer> refund) {
        String refundId = refund.identifierAsString();
        if (!original.invoke(o -> o.reservedForRefund(refundId))) {
            return;
        }
        switch (refund.invoke(Transfer::stage)) {
            case COMPLETED -> original.execute(o -> o.settleRefund(refundId));
            case REJECTED -> original.execute(o -> o.releaseRefund(refundId, TransferStatus.REJECTED));
            case FAILED -> original.execute(o -> o.releaseRefund(refundId, TransferStatus.FAILED));
            case IN_REVIEW, MOVING_MONEY -> {
                // still held for review: the reservation waits for the decision or the expiry
            }
        }
    }
}
