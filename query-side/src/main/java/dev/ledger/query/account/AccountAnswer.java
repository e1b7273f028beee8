package dev.ledger.query.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.api.query.AccountView;
import dev.ledger.query.freshness.Freshness;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /accounts/{id}}: the account and how fresh it is, or, while the read model is behind the awaited
 * token, only its id and how far the read model has got.
 *
 * @param accountId only on a behind answer (the view carries it otherwise)
 */
@Schema(description = "An account as its read model has it, and how fresh that is. While the read model is behind "
                      + "the token asked for (`processing: true`) only `accountId` and the freshness fields.")
record AccountAnswer(@JsonInclude(JsonInclude.Include.NON_NULL) String accountId,
                     @JsonUnwrapped AccountView account,
                     @JsonUnwrapped Freshness freshness) {

    static AccountAnswer of(AccountView account, Freshness freshness) {
        return new AccountAnswer(null, account, freshness);
    }

    static AccountAnswer behind(String accountId, Freshness freshness) {
        return new AccountAnswer(accountId, null, freshness);
    }
}
