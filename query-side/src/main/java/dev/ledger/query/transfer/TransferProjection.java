package dev.ledger.query.transfer;

import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.query.FindTransferQuery;
import dev.ledger.api.query.ListTransfersQuery;
import dev.ledger.api.query.TransferPage;
import dev.ledger.api.query.TransferStepView;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.platform.correlation.CorrelationIds;
import dev.ledger.query.processors.ProcessingGroups;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Transfers with their status, screening decision and timeline. A transfer's events come from its own stream
 * (request, screening, review, outcome) and from its two accounts' streams (hold, credit, capture, release);
 * the processing group is sequenced by transfer ({@link TransferSequencingPolicy}), so normally they arrive in
 * store order, but no handler relies on it:
 * <ul>
 *     <li>an event for a transfer without a row creates a placeholder, which the request fills in;</li>
 *     <li>the status only moves forward, and never out of a terminal status;</li>
 *     <li>the transfer's own events are applied once, guarded by its stream's sequence number, which is also the
 *     {@code version} consistency tokens are checked against (account events never move it);</li>
 *     <li>each step is recorded at most once per transfer.</li>
 * </ul>
 * A leg of a transfer's money (the source's debit, by capture or in one commit, and the destination's credit) is
 * only ever posted for a transfer that completes: in the same commit as its {@link TransferCompletedEvent} since
 * transfers commit once, and before it, with nothing that could stop it, in older histories of the transfer
 * process. So a posted leg moves the status to {@code COMPLETED} at once, and the view never shows money moved
 * under a status that is not; the {@code COMPLETED} step itself is recorded by the completion event, after the
 * legs, so the timeline reads in the order things happened.
 * <p>
 * When screening asks for a review, the hold is placed in the same commit as the screening: the transfer waits
 * for its reviewer {@code IN_REVIEW} (with a {@code FUNDS_RESERVED} step), not {@code FUNDS_RESERVED}, so a
 * review queue listing {@code status=IN_REVIEW} still finds it.
 * <p>
 * One file over 300 lines because STYLE keeps a read model's event handlers and query handlers in one class.
 */
@Component
@ProcessingGroup(ProcessingGroups.TRANSFERS)
class TransferProjection {

    /** Steps that are not statuses: what happened on the way. */
    static final String APPROVED = "APPROVED";
    static final String HOLD_REJECTED = "HOLD_REJECTED";
    static final String DESTINATION_CREDITED = "DESTINATION_CREDITED";
    static final String CREDIT_REJECTED = "CREDIT_REJECTED";
    static final String SOURCE_DEBITED = "SOURCE_DEBITED";
    static final String FUNDS_RELEASED = "FUNDS_RELEASED";

    private static final Logger log = LoggerFactory.getLogger(TransferProjection.class);

    private final TransferRepository transfers;
    private final TransferStepRepository steps;
    private final TransferWrites writes;
    private final TransferListing listing;
    private final TransferRefunds refunds;
    private final PostedVersions postedVersions;

    TransferProjection(TransferRepository transfers, TransferStepRepository steps, TransferWrites writes,
                       TransferListing listing, TransferRefunds refunds, PostedVersions postedVersions) {
        this.postedVersions = postedVersions;
        this.transfers = transfers;
        this.steps = steps;
        this.writes = writes;
        this.listing = listing;
        this.refunds = refunds;
    }

    // --- the transfer's own stream ----------------------------------------------------------------------------

    @EventHandler
    void on(TransferRequestedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at, @MetaDataValue(CorrelationIds.KEY) String correlationId) {
        if (!isOwnStream(event.transferId(), streamId, event)) {
            return;
        }
        writes.applyRequested(event.transferId(), event.sourceAccountId(), event.destinationAccountId(),
                              event.amount().amount(), event.amount().currency(), event.reference(),
                              correlationId, new TransferWrites.Parties(event.requestedBy(), event.sourceOwner(),
                                                                        event.destinationOwner()),
                              sequence, at);
        writes.label(event.transferId(), event.metadata());
        writes.record(event.transferId(), TransferStatus.REQUESTED.name(), at, null);
    }

    @EventHandler
    void on(TransferScreenedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        String id = event.transferId();
        List<ScreeningRuleHit> hits = event.hits() == null ? List.of() : event.hits();
        if (!applyOwn(id, streamId, sequence, at, event, event.decision().name(), ScreeningHits.toJson(hits), null,
                      null)) {
            return;
        }
        String rules = ruleNames(hits);
        writes.record(id, TransferStatus.SCREENING.name(), at,
                     event.decision().name() + (rules == null ? "" : ": " + rules));
        switch (event.decision()) {
            case PASSED -> enter(id, TransferStatus.SCREENING, null, null, at);
            case REVIEW -> enter(id, TransferStatus.IN_REVIEW, null, rules, at);
            case DENIED -> enter(id, TransferStatus.REJECTED, RejectionReason.SCREENING_DENIED, rules, at);
        }
    }

    @EventHandler
    void on(TransferApprovedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        if (applyOwn(event.transferId(), streamId, sequence, at, event, null, null, event.reviewer(),
                     event.note())) {
            writes.record(event.transferId(), APPROVED, at,
                         "approved by " + event.reviewer() + (event.note() == null ? "" : ": " + event.note()));
        }
    }

    @EventHandler
    void on(TransferCompletedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        if (applyOwn(event.transferId(), streamId, sequence, at, event, null, null, null, null)) {
            enter(event.transferId(), TransferStatus.COMPLETED, null, null, at);
        }
    }

    @EventHandler
    void on(TransferRejectedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        // a reviewer's rejection carries the reviewer's note as its detail (the event names no reviewer)
        String reviewNote = event.reason() == RejectionReason.REVIEW_REJECTED ? event.detail() : null;
        if (applyOwn(event.transferId(), streamId, sequence, at, event, null, null, null, reviewNote)) {
            enter(event.transferId(), TransferStatus.REJECTED, event.reason(), event.detail(), at);
        }
    }

    @EventHandler
    void on(TransferFailedEvent event, @SequenceNumber long sequence, @SourceId String streamId,
            @Timestamp Instant at) {
        if (applyOwn(event.transferId(), streamId, sequence, at, event, null, null, null, null)) {
            enter(event.transferId(), TransferStatus.FAILED, event.reason(), event.detail(), at);
        }
    }

    // --- the accounts' streams: status and steps, never the version -------------------------------------------

    @EventHandler
    void on(HoldPlacedEvent event, @Timestamp Instant at) {
        if (touch(event.transferId(), at)) {
            TransferStatus reserved = TransferStatus.FUNDS_RESERVED;
            writes.reserveFunds(event.transferId(), reserved.name(), rank(reserved), at);
            writes.record(event.transferId(), reserved.name(), at, null);
        }
    }

    /** The transfer's own stream follows with {@link TransferRejectedEvent}; this only records why. */
    @EventHandler
    void on(HoldRejectedEvent event, @Timestamp Instant at) {
        if (touch(event.transferId(), at)) {
            writes.record(event.transferId(), HOLD_REJECTED, at, nameOf(event.reason()));
        }
    }

    @EventHandler
    void on(TransferCreditedEvent event, @Timestamp Instant at, @SourceId String accountId,
            @SequenceNumber long sequence, EventMessage<?> message) {
        posted(event.transferId(), DESTINATION_CREDITED, at, accountId, sequence, message);
    }

    /** The source's debit in the commit that credits the destination and completes the transfer. */
    @EventHandler
    void on(TransferDebitedEvent event, @Timestamp Instant at, @SourceId String accountId,
            @SequenceNumber long sequence, EventMessage<?> message) {
        posted(event.transferId(), SOURCE_DEBITED, at, accountId, sequence, message);
    }

    @EventHandler
    void on(TransferCreditRejectedEvent event, @Timestamp Instant at) {
        if (touch(event.transferId(), at)) {
            writes.record(event.transferId(), CREDIT_REJECTED, at, nameOf(event.reason()));
        }
    }

    @EventHandler
    void on(HoldCapturedEvent event, @Timestamp Instant at, @SourceId String accountId,
            @SequenceNumber long sequence, EventMessage<?> message) {
        posted(event.transferId(), SOURCE_DEBITED, at, accountId, sequence, message);
    }

    @EventHandler
    void on(HoldReleasedEvent event, @Timestamp Instant at) {
        if (touch(event.transferId(), at)) {
            writes.record(event.transferId(), FUNDS_RELEASED, at, event.reason());
        }
    }

    @ResetHandler
    void reset() {
        transfers.truncate();
        postedVersions.clear();
    }

    // --- queries ----------------------------------------------------------------------------------------------

    // Rows are read before their steps (each statement sees the latest commit), so a timeline is never older
    // than the status and version next to it; at worst it already shows a step the row does not.

    /** A transfer the caller is no party to is answered exactly as an unknown one. */
    @QueryHandler
    Optional<TransferView> handle(FindTransferQuery query) {
        return transfers.findById(query.transferId())
                        .filter(TransferRecord::isRequested)
                        .filter(row -> row.visibleTo(query.visibleOwner()))
                        .map(row -> row.toView(timelinesOf(List.of(row)).getOrDefault(row.transferId(), List.of()),
                                               postedOf(List.of(row)).getOrDefault(row.transferId(),
                                                                                   PostedVersions.Posted.NONE),
                                               query.visibleOwner()))
                        .map(view -> refunds.attach(List.of(view)).get(0));
    }

    @QueryHandler
    TransferPage handle(ListTransfersQuery query) {
        TransferCursor cursor = query.cursor() == null ? null : TransferCursor.decode(query.cursor())
                .orElseThrow(() -> new IllegalArgumentException("malformed cursor"));
        // one extra row tells whether there is a next page without a count query
        List<TransferRecord> rows = listing.newest(query.accountId(), query.status(), query.metadata(),
                                                   query.visibleOwner(), cursor, query.limit() + 1);
        List<TransferRecord> page = rows.subList(0, Math.min(rows.size(), query.limit()));
        Map<String, List<TransferStepView>> timelines = timelinesOf(page);
        Map<String, PostedVersions.Posted> posted = postedOf(page);
        List<TransferView> items = page.stream()
                                       .map(row -> row.toView(timelines.getOrDefault(row.transferId(), List.of()),
                                                              posted.getOrDefault(row.transferId(),
                                                                                  PostedVersions.Posted.NONE),
                                                              query.visibleOwner()))
                                       .toList();
        items = refunds.attach(items);
        String next = null;
        if (rows.size() > query.limit()) {
            TransferRecord last = page.get(page.size() - 1);
            next = new TransferCursor(last.requestedAt(), last.transferId()).encode();
        }
        return new TransferPage(items, next);
    }

    // --- internals --------------------------------------------------------------------------------------------

    /**
     * Applies an event of the transfer's own stream once: the row exists afterwards, and the event's fields and
     * sequence are written only if no event at or after it was applied.
     *
     * @return whether the event was new, i.e. its status change and steps are to be recorded
     */
    private boolean applyOwn(String transferId, String streamId, long sequence, Instant at, Object event,
                             String screeningDecision, String screeningHitsJson, String reviewer, String reviewNote) {
        if (!isOwnStream(transferId, streamId, event)) {
            return false;
        }
        writes.ensureRow(transferId, at);
        return writes.applyStreamEvent(transferId, sequence, at, screeningDecision, screeningHitsJson, reviewer,
                                       reviewNote);
    }

    /** Makes sure an account event's transfer has a row; false for events that name no transfer. */
    private boolean touch(String transferId, Instant at) {
        if (transferId == null) {
            return false;
        }
        writes.ensureRow(transferId, at);
        return true;
    }

    /**
     * Records a posted leg of the transfer's money, which makes it {@code COMPLETED} (see the class comment), and the
     * account version it produced. A tracked event's token is its own event-store position (a replay token's, the
     * position being replayed); an event without one (handed to the handler directly) records no version.
     */
    private void posted(String transferId, String step, Instant at, String accountId, long sequence,
                        EventMessage<?> message) {
        if (touch(transferId, at)) {
            if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                && tracked.trackingToken().position().isPresent()) {
                postedVersions.posted(transferId, accountId, sequence, tracked.trackingToken().position().getAsLong());
            }
            writes.record(transferId, step, at, null);
            TransferStatus completed = TransferStatus.COMPLETED;
            writes.advanceStatus(transferId, completed.name(), rank(completed), null, null, at);
        }
    }

    /**
     * Moves the status forward and records the step. A terminal step is recorded only while it is the transfer's
     * status, so a second terminal event (a rejection after a screening denial) adds no contradicting step, and
     * the completion records its step after a posted leg made the transfer {@code COMPLETED}; other steps are
     * recorded even when the status is already further, so the timeline stays complete when events arrive out of
     * order.
     */
    private void enter(String transferId, TransferStatus status, RejectionReason reason, String detail, Instant at) {
        writes.advanceStatus(transferId, status.name(), rank(status), nameOf(reason), detail, at);
        String why = reason == null ? detail : reason.name() + (detail == null ? "" : ": " + detail);
        if (status.isTerminal()) {
            writes.recordIfStatus(transferId, status.name(), at, why);
        } else {
            writes.record(transferId, status.name(), at, why);
        }
    }

    private static boolean isOwnStream(String transferId, String streamId, Object event) {
        if (transferId != null && transferId.equals(streamId)) {
            return true;
        }
        // the contract has only the Transfer aggregate apply these; its stream is keyed by the transfer id
        log.warn("ignoring {} of transfer {} from stream {}: not the transfer's own stream",
                 event.getClass().getSimpleName(), transferId, streamId);
        return false;
    }

    /** Forward order of statuses; all terminal statuses share the top rank, so none replaces another. */
    static int rank(TransferStatus status) {
        return switch (status) {
            case REQUESTED -> 0;
            case SCREENING -> 1;
            case IN_REVIEW -> 2;
            case FUNDS_RESERVED -> 3;
            case COMPLETED, REJECTED, FAILED -> 4;
        };
    }

    private Map<String, List<TransferStepView>> timelinesOf(List<TransferRecord> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        return steps.timelines(rows.stream().map(TransferRecord::transferId).toList()).stream()
                    .collect(Collectors.groupingBy(TransferStep::transferId, LinkedHashMap::new,
                                                   Collectors.mapping(TransferStep::toView, Collectors.toList())));
    }

    private Map<String, PostedVersions.Posted> postedOf(List<TransferRecord> rows) {
        return postedVersions.of(rows.stream().map(TransferRecord::transferId).toList());
    }

    /** The names of the rules that fired, e.g. {@code amount-threshold, velocity}; {@code null} when none did. */
    private static String ruleNames(List<ScreeningRuleHit> hits) {
        return hits.isEmpty() ? null : hits.stream().map(ScreeningRuleHit::rule).collect(Collectors.joining(", "));
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
