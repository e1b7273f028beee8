package dev.ledger.command.authorization;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.api.ConsistencyToken;
import dev.ledger.api.authorization.AuthorizationStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an accepted authorization command: like every command's ({@code id}, {@code version},
 * {@code consistencyToken}, read back with {@code GET /authorizations/{id}?after=}), plus where it stands.
 *
 * @param captureId the capture, for a capture
 * @param remaining what the authorization still reserves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The authorization command is committed: where the authorization stands now, and a token to "
                      + "read it back with (`GET /authorizations/{id}?after=` on the query side).")
record AuthorizationAccepted(
        @Schema(description = "The authorization's id.", example = "au-1", requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
        @Schema(description = "The authorization's id, again under its own name.", example = "au-1",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String authorizationId,
        @Schema(description = "The capture, for a capture.", example = "c-1")
        String captureId,
        @Schema(description = "The authorization's version after the command (its placement is 0, each capture, "
                              + "void or expiry one more).", example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
        long version,
        @Schema(description = "`<authorizationId>@<version>`: pass it to the query side's reads of the "
                              + "authorization as `?after=` or `X-Consistency-Token`, which then answer only from a "
                              + "read model that has applied this version.",
                example = "au-1@1", requiredMode = Schema.RequiredMode.REQUIRED)
        String consistencyToken,
        @Schema(description = "Where it stands: `OPEN` takes captures until `expiresAt`; `CAPTURED`, `VOIDED` and "
                              + "`EXPIRED` are final.", example = "OPEN", requiredMode = Schema.RequiredMode.REQUIRED)
        AuthorizationStatus status,
        @Schema(description = "Minor units it still reserves on the account (0 once it is not `OPEN`).",
                example = "3000", requiredMode = Schema.RequiredMode.REQUIRED)
        long remaining) {

    static AuthorizationAccepted of(String authorizationId, String captureId, AuthorizationOutcome outcome) {
        return new AuthorizationAccepted(authorizationId, authorizationId, captureId, outcome.version(),
                                         new ConsistencyToken(authorizationId, outcome.version()).encode(),
                                         outcome.status(), outcome.remaining());
    }
}
