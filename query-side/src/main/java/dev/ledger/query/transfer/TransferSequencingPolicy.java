package dev.ledger.query.transfer;

import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import java.util.Optional;
import javax.annotation.Nonnull;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Sequences the {@code transfers} processing group by transfer: a transfer's events come from its own stream and
 * from two account streams, and with the default per-aggregate policy they could be handled by different
 * segments in any order. Keyed by the transfer id, all of them go through one segment, in store order. Events
 * that name no transfer fall back to per-aggregate sequencing.
 * <p>
 * Registered by bean name in {@code application.yml}
 * ({@code axon.eventhandling.processors.transfers.sequencing-policy}): Axon's Spring Boot auto-configuration
 * registers a policy for every processor configured there, and would overwrite one registered by a
 * {@code ConfigurerModule} or not, depending on initialisation order.
 */
class TransferSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    static final String BEAN_NAME = "transferSequencingPolicy";

    @Override
    public Object getSequenceIdentifierFor(@Nonnull EventMessage<?> event) {
        return transferIdOf(event.getPayload())
                .<Object>map(id -> id)
                .orElseGet(() -> SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event));
    }

    /** The transfer an event belongs to, for every event the transfers projection handles. */
    static Optional<String> transferIdOf(Object payload) {
        String transferId = null;
        if (payload instanceof TransferRequestedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof TransferScreenedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof TransferApprovedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof TransferCompletedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof TransferRejectedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof TransferFailedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof HoldPlacedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof HoldRejectedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof HoldReleasedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof HoldCapturedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof TransferDebitedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof TransferCreditedEvent e) {
            transferId = e.transferId();
        } else if (payload instanceof TransferCreditRejectedEvent e) {
            transferId = e.transferId();
        }
        return Optional.ofNullable(transferId);
    }
}
