package dev.ledger.query.reconciliation;

/**
 * The currency a run is limited to, or every currency.
 *
 * @param currency the one currency checked, {@code null} for all
 */
record Scope(String currency) {

    boolean includes(String other) {
        return currency == null || currency.equals(other);
    }
}
