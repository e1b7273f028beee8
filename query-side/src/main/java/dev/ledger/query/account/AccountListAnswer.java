package dev.ledger.query.account;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.api.query.AccountPage;
import dev.ledger.query.freshness.Freshness;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /accounts}: a page of accounts and how fresh it is; while behind the token, only the latter. */
@Schema(description = "A page of accounts, by id, and how fresh it is. While the read model is behind the token "
                      + "asked for (`processing: true`) only the freshness fields.")
record AccountListAnswer(@JsonUnwrapped AccountPage page, @JsonUnwrapped Freshness freshness) {
}
