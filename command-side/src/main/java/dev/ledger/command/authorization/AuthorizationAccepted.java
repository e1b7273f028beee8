package dev.ledger.command.authorization;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.api.ConsistencyToken;
import dev.ledger.api.authorization.AuthorizationStatus;

/**
 * The answer to an accepted authorization command: like every command's ({@code id}, {@code version},
 * {@code consistencyToken}, read back with {@code GET /authorizations/{id}?after=}), plus where it stands.
 *
 * @param captureId the capture, for a capture
 * @param remaining what the authorization still reserves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuthorizationAccepted(String id, String authorizationId, String captureId, long version,
                             String consistencyToken, AuthorizationStatus status, long remaining) {

    static AuthorizationAccepted of(String authorizationId, String captureId, AuthorizationOutcome outcome) {
        return new AuthorizationAccepted(authorizationId, authorizationId, captureId, outcome.version(),
                                         new ConsistencyToken(authorizationId, outcome.version()).encode(),
                                         outcome.status(), outcome.remaining());
    }
}
