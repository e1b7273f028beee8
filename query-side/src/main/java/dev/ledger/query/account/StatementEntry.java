package dev.ledger.query.account;

import dev.ledger.api.query.StatementEntryView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** Row of the {@code account-statement} read model: one leg of one posting, keyed by the event that made it. */
@Entity
@Table(name = "statement_entry")
@IdClass(StatementEntry.Key.class)
class StatementEntry {

    @Id
    @Column(name = "account_id")
    private String accountId;
    @Id
    private long sequence;
    @Column(name = "entry_id")
    private String entryId;
    private long amount;
    @Column(columnDefinition = "bpchar")
    private String currency;
    private String direction;
    @Column(name = "balance_after")
    private long balanceAfter;
    @Column(name = "transfer_id")
    private String transferId;
    @Column(name = "correlation_id")
    private String correlationId;
    @Column(name = "initiated_by")
    private String initiatedBy;
    @Column(name = "posted_at")
    private Instant postedAt;

    protected StatementEntry() {
    }

    StatementEntryView toView() {
        return new StatementEntryView(entryId, amount, currency, direction, balanceAfter, transferId, correlationId,
                                      initiatedBy, sequence, postedAt);
    }

    record Key(String accountId, long sequence) implements Serializable {
        Key() {
            this(null, 0);
        }
    }
}
