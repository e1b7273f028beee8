package dev.ledger.api.authorization;

/** Where an authorization stands. Only {@link #OPEN} accepts captures; the other three are final. */
public enum AuthorizationStatus {
    /** Funds are reserved; captures may draw on what remains until {@code expiresAt}. */
    OPEN,
    /** Captured in full: nothing remains reserved. */
    CAPTURED,
    /** Voided by its holder: what remained was released. */
    VOIDED,
    /** Its expiry passed: what remained was released by the ledger. */
    EXPIRED
}
