package dev.ledger.query.transfer;

import dev.ledger.api.transfer.PartOfTransfer;
import java.util.Optional;
import javax.annotation.Nonnull;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.PropertySequencingPolicy;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Sequences the {@code transfers} processing group by transfer: a transfer's events come from its own stream and
 * from two account streams, and with the default per-aggregate policy they could be handled by different
 * segments in any order. Keyed by the transfer id ({@link PartOfTransfer}), all of them go through one segment,
 * in store order. Events that name no transfer (or a hold released by hand, whose transfer id is empty) fall back
 * to per-aggregate sequencing. Axon's {@link PropertySequencingPolicy} does the work; this class only adds the
 * fallback for an empty id, which Axon's would answer with {@code null}, i.e. no ordering at all.
 * <p>
 * Registered by bean name in {@code application.yml}
 * ({@code axon.eventhandling.processors.transfers.sequencing-policy}): Axon's Spring Boot auto-configuration
 * registers a policy for every processor configured there, and would overwrite one registered by a
 * {@code ConfigurerModule} or not, depending on initialisation order.
 */
class TransferSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    static final String BEAN_NAME = "transferSequencingPolicy";

    private final SequencingPolicy<EventMessage> byTransfer =
            PropertySequencingPolicy.builder(PartOfTransfer.class, String.class)
                                    .propertyExtractor(PartOfTransfer::transferId)
                                    .fallbackSequencingPolicy(SequentialPerAggregatePolicy.instance())
                                    .build();

    @Override
    public Object getSequenceIdentifierFor(@Nonnull EventMessage<?> event) {
        Object transferId = byTransfer.getSequenceIdentifierFor(event);
        return transferId != null ? transferId
                : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    /** The transfer an event belongs to, for every event the transfers projection handles. */
    static Optional<String> transferIdOf(Object payload) {
        return payload instanceof PartOfTransfer part ? Optional.ofNullable(part.transferId()) : Optional.empty();
    }
}
