package dev.ledger.query.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How far the statement projection has got for one account (events that post nothing count too). */
@Entity
@Table(name = "statement_head")
class StatementHead {

    @Id
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "last_sequence")
    private long lastSequence;

    protected StatementHead() {
    }

    long lastSequence() {
        return lastSequence;
    }
}
