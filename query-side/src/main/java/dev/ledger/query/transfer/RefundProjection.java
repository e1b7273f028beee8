package dev.ledger.query.transfer;

import dev.ledger.api.transfer.RefundReleasedEvent;
import dev.ledger.api.transfer.RefundRequestedEvent;
import dev.ledger.api.transfer.RefundReservedEvent;
import dev.ledger.api.transfer.RefundSettledEvent;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.query.processors.ProcessingGroups;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.stereotype.Component;

/**
 * Refunds in the transfers read model (same processing group, so the same segments, order and replays as
 * {@link TransferProjection}): the refund's link to the transfer it pays back, and the original's record of its
 * refunds. Every refund event belongs to the stream it is on, so it moves that transfer's {@code version} like any
 * event of its own stream: a consistency token of the original names a version that counts its refunds.
 */
@Component
@ProcessingGroup(ProcessingGroups.TRANSFERS)
class RefundProjection {

    private final TransferWrites writes;
    private final TransferRefunds refunds;

    RefundProjection(TransferWrites writes, TransferRefunds refunds) {
        this.writes = writes;
        this.refunds = refunds;
    }

    @EventHandler
    void on(RefundRequestedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        if (own(event.transferId(), streamId, sequence, at)) {
            refunds.link(event.transferId(), event.refundOf());
        }
    }

    @EventHandler
    void on(RefundReservedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        if (own(event.transferId(), streamId, sequence, at)) {
            refunds.reserve(event.transferId(), event.refundId(), event.amount().amount(), at);
        }
    }

    @EventHandler
    void on(RefundSettledEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        if (own(event.transferId(), streamId, sequence, at)) {
            refunds.end(event.transferId(), event.refundId(), event.amount().amount(),
                        TransferStatus.COMPLETED.name(), at);
        }
    }

    @EventHandler
    void on(RefundReleasedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        if (own(event.transferId(), streamId, sequence, at)) {
            refunds.end(event.transferId(), event.refundId(), event.amount().amount(),
                        event.refundStatus().name(), at);
        }
    }

    /** The refunds' tables; {@link TransferProjection} empties the transfers' own. */
    @ResetHandler
    void reset() {
        refunds.truncate();
    }

    /**
     * Moves the transfer's version for an event of its own stream. The statements that follow are idempotent, so
     * they run for a redelivered event too; an event on another stream than its transfer's is not the contract's and
     * is ignored, as {@link TransferProjection} ignores it.
     */
    private boolean own(String transferId, String streamId, long sequence, Instant at) {
        if (transferId == null || !transferId.equals(streamId)) {
            return false;
        }
        writes.ensureRow(transferId, at);
        writes.applyStreamEvent(transferId, sequence, at, null, null, null, null);
        return true;
    }
}
