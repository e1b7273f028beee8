package dev.ledger.query.account;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.api.query.StatementEntryView;
import dev.ledger.query.freshness.Freshness;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * {@code GET /accounts/{id}/entries}: a page of the statement and how fresh it is; while behind the token, only
 * the account id and the latter.
 */
@Schema(description = "A page of an account's statement, newest entry first, and how fresh it is. While the read "
                      + "model is behind the token asked for (`processing: true`) only `accountId` and the "
                      + "freshness fields.")
record StatementAnswer(@Schema(requiredMode = RequiredMode.REQUIRED, example = "alice",
                               description = "The account whose statement this is.")
                       String accountId,
                       @JsonUnwrapped Lines lines,
                       @JsonUnwrapped Freshness freshness) {

    /**
     * @param version the account's last event the statement has applied (it also moves with events that post
     *                nothing, such as a freeze)
     */
    record Lines(@Schema(description = "The entries of this page, newest first: one per leg of a posting on the "
                                       + "account.")
                 List<StatementEntryView> items,
                 @Schema(nullable = true, example = "2", pattern = "^[0-9]{1,19}$",
                         description = "Pass as `cursor` for the next (older) page; `null` on the last page.")
                 String nextCursor,
                 @Schema(example = "2", minimum = "-1",
                         description = "The account's last event the statement read model has applied (`-1`: "
                                       + "none), the version an `<accountId>@<version>` token is compared with.")
                 long version) {
    }
}
