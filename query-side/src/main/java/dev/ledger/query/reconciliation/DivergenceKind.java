package dev.ledger.query.reconciliation;

/** What a reconciliation run can find. All but {@link #IN_FLIGHT} are divergences. */
public enum DivergenceKind {

    /** A customer or system row's balance differs from the event store's. */
    BALANCE_MISMATCH(true),
    /** A customer row's held sum differs from the open holds in the event store. */
    HELD_MISMATCH(true),
    /**
     * A customer row is at another version than its stream: it missed events the projection has passed (lost or
     * parked), or claims events the store does not have.
     */
    VERSION_MISMATCH(true),
    /** A customer row's status (OPEN, FROZEN, CLOSED) differs from the event store's. */
    STATUS_MISMATCH(true),
    /** An account with postings in the event store has no row. */
    MISSING_ROW(true),
    /** A row exists for an account the event store has never heard of. */
    UNEXPECTED_ROW(true),
    /** A currency's balances do not sum to zero, in the event store or in the read model. */
    INVARIANT_BROKEN(false),
    /**
     * A completed transfer lacks one of its two postings: in the event store (its TransferCreditedEvent, or its
     * debit, a TransferDebitedEvent or HoldCapturedEvent) or in the statement read model.
     */
    MISSING_POSTING(false),
    /**
     * An account's events contradict themselves: the balance or held sum they report is not the sum of their
     * postings or holds. A fault of the command side; rebuilding a read model cannot repair it.
     */
    EVENT_STORE_INCONSISTENT(false),
    /**
     * A transfer requested in the event store has no row in the transfers read model, or only a placeholder its
     * request never filled in.
     */
    TRANSFER_MISSING(false),
    /** A transfer's row is at another status, or an earlier version of its own stream, than its events give. */
    TRANSFER_STATUS_MISMATCH(false),
    /** A transfer's row has another amount, currency, source or destination account than its request. */
    TRANSFER_REQUEST_MISMATCH(false),
    /** A row of the transfers read model names a transfer the event store has no event of. */
    TRANSFER_UNEXPECTED(false),
    /** Not a divergence: a row or entry behind only because its projection had not got there yet. */
    IN_FLIGHT(false);

    private final boolean rowRepair;

    DivergenceKind(boolean rowRepair) {
        this.rowRepair = rowRepair;
    }

    /**
     * Whether a run with repair rewrites an account_summary row for it. Transfer rows are not rewritten: a replay of
     * the transfers projection rebuilds them with their timelines, which a run does not recompute.
     */
    boolean repairedByRowRewrite() {
        return rowRepair;
    }

    public boolean isDivergence() {
        return this != IN_FLIGHT;
    }
}
