package dev.ledger.query.authorization;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.api.query.AuthorizationPage;
import dev.ledger.query.freshness.Freshness;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /accounts/{id}/authorizations}: a page of an account's authorizations and how fresh it is; while
 * behind the token, only the latter.
 */
@Schema(description = "A page of an account's authorizations, by id, and how fresh it is. While the read model is "
                      + "behind the token asked for (`processing: true`) only the freshness fields.")
record AuthorizationListAnswer(@JsonUnwrapped AuthorizationPage page, @JsonUnwrapped Freshness freshness) {
}
