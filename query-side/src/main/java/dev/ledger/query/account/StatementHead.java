package dev.ledger.query.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far the statement projection has got for one account (events that post nothing count too), and whose
 * account it is, so the statement answers a holder from its own tables.
 */
@Entity
@Table(name = "statement_head")
class StatementHead {

    @Id
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "last_sequence")
    private long lastSequence;
    private String owner;

    protected StatementHead() {
    }

    long lastSequence() {
        return lastSequence;
    }

    /** Whether a caller restricted to {@code visibleOwner}'s accounts ({@code null}: unrestricted) may see it. */
    boolean visibleTo(String visibleOwner) {
        return visibleOwner == null || visibleOwner.equals(owner);
    }
}
