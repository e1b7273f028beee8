package dev.ledger.api.authorization;

/**
 * An event that belongs to one authorization, wherever it is stored: the authorization's own events and the
 * reservation, postings and release it causes on accounts' streams. Readers that follow an authorization key on
 * {@link #authorizationId()} instead of knowing every event type.
 */
public interface PartOfAuthorization {

    /** The authorization this event belongs to. */
    String authorizationId();
}
