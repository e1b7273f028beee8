package dev.ledger.query.transfer;

import dev.ledger.api.query.ScreeningView;
import dev.ledger.api.query.TransferStepView;
import dev.ledger.api.query.TransferView;
import dev.ledger.query.metadata.MetadataJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * Row of the {@code transfers} read model. Written only through {@link TransferRepository}'s guarded statements;
 * a row whose {@code requestedAt} is {@code null} is a placeholder that is not shown (see V2__transfers.sql).
 */
@Entity
@Table(name = "transfer_view")
class TransferRecord {

    @Id
    @Column(name = "transfer_id")
    private String transferId;
    @Column(name = "source_account_id")
    private String sourceAccountId;
    @Column(name = "destination_account_id")
    private String destinationAccountId;
    private Long amount;
    @Column(columnDefinition = "bpchar")
    private String currency;
    private String reference;
    private String status;
    @Column(name = "status_rank")
    private short statusRank;
    @Column(name = "status_reason")
    private String statusReason;
    @Column(name = "status_detail")
    private String statusDetail;
    @Column(name = "screening_decision")
    private String screeningDecision;
    // read as text; written only by native statements that cast to jsonb
    @Column(name = "screening_hits", columnDefinition = "jsonb", insertable = false, updatable = false)
    private String screeningHits;
    private String reviewer;
    @Column(name = "review_note")
    private String reviewNote;
    @Column(name = "correlation_id")
    private String correlationId;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "source_owner")
    private String sourceOwner;
    @Column(name = "destination_owner")
    private String destinationOwner;
    private long version;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    // read as text; written only by native statements that cast to jsonb
    @Column(columnDefinition = "jsonb", insertable = false, updatable = false)
    private String metadata;

    protected TransferRecord() {
    }

    String transferId() {
        return transferId;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    /** Whether the transfer's request was applied; placeholders are not answered. */
    boolean isRequested() {
        return requestedAt != null;
    }

    /** Whether a caller restricted to {@code visibleOwner} ({@code null}: unrestricted) is a party to it. */
    boolean visibleTo(String visibleOwner) {
        return visibleOwner == null || visibleOwner.equals(sourceOwner) || visibleOwner.equals(destinationOwner);
    }

    /** The whole transfer for an unrestricted caller; what a party may see for one restricted to its own. */
    TransferView toView(List<TransferStepView> steps, PostedVersions.Posted posted, String visibleOwner) {
        ScreeningView screening = new ScreeningView(screeningDecision, ScreeningHits.fromJson(screeningHits),
                                                    reviewer, reviewNote);
        TransferView full = new TransferView(transferId, sourceAccountId, destinationAccountId, amount, currency,
                                             reference, status, steps, screening, correlationId, requestedBy,
                                             version, requestedAt, updatedAt, null, 0, List.of(),
                                             MetadataJson.fromJson(metadata), posted.accountVersions(),
                                             posted.postingsToken());
        return visibleOwner == null ? full : PartyView.of(full, visibleOwner, sourceOwner, destinationOwner);
    }
}
