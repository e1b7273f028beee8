package dev.ledger.query.authorization;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.api.query.AuthorizationView;
import dev.ledger.query.freshness.Freshness;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /authorizations/{id}}: the authorization and how fresh it is, or, while the read model is behind the
 * awaited token, only its id and how far the read model has got.
 *
 * @param authorizationId only on a behind answer (the view carries it otherwise)
 */
@Schema(description = "An authorization (a two-phase hold) with its captures, as its read model has it, and how "
                      + "fresh that is. While the read model is behind the token asked for (`processing: true`) "
                      + "only `authorizationId` and the freshness fields.")
record AuthorizationAnswer(@JsonInclude(JsonInclude.Include.NON_NULL) String authorizationId,
                           @JsonUnwrapped AuthorizationView authorization,
                           @JsonUnwrapped Freshness freshness) {

    static AuthorizationAnswer of(AuthorizationView authorization, Freshness freshness) {
        return new AuthorizationAnswer(null, authorization, freshness);
    }

    static AuthorizationAnswer behind(String authorizationId, Freshness freshness) {
        return new AuthorizationAnswer(authorizationId, null, freshness);
    }
}
