package dev.ledger.query.transfer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.api.query.TransferPage;
import dev.ledger.query.freshness.Freshness;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /transfers}: a page of transfers and how fresh it is; while behind the token, only the latter. */
@Schema(description = "A page of transfers, newest first, and how fresh it is. While the read model is behind the "
                      + "token asked for (`processing: true`) only the freshness fields.")
record TransferListAnswer(@JsonUnwrapped TransferPage page, @JsonUnwrapped Freshness freshness) {
}
