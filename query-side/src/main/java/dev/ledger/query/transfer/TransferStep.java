package dev.ledger.query.transfer;

import dev.ledger.api.query.TransferStepView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One step of a transfer's timeline; at most one per transfer and step name, so redelivery adds none. */
@Entity
@Table(name = "transfer_step")
@IdClass(TransferStep.Key.class)
class TransferStep {

    @Id
    @Column(name = "transfer_id")
    private String transferId;
    @Id
    private String status;
    @Column(name = "step_no", insertable = false, updatable = false)
    private long stepNo;
    private Instant at;
    private String reason;

    protected TransferStep() {
    }

    String transferId() {
        return transferId;
    }

    TransferStepView toView() {
        return new TransferStepView(status, at, reason);
    }

    record Key(String transferId, String status) implements Serializable {
        Key() {
            this(null, null);
        }
    }
}
