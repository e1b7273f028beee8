package dev.ledger.query.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.api.query.TransferView;
import dev.ledger.query.freshness.Freshness;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /transfers/{id}}: the transfer and how fresh it is, or, while the read model is behind the awaited
 * token, only its id and how far the read model has got.
 *
 * @param transferId only on a behind answer (the view carries it otherwise)
 */
@Schema(description = "A transfer (or refund) as its read model has it, with its timeline and screening, and how "
                      + "fresh that is. While the read model is behind the token asked for (`processing: true`) "
                      + "only `transferId` and the freshness fields.")
record TransferAnswer(@JsonInclude(JsonInclude.Include.NON_NULL) String transferId,
                      @JsonUnwrapped TransferView transfer,
                      @JsonUnwrapped Freshness freshness) {

    static TransferAnswer of(TransferView transfer, Freshness freshness) {
        return new TransferAnswer(null, transfer, freshness);
    }

    static TransferAnswer behind(String transferId, Freshness freshness) {
        return new TransferAnswer(transferId, null, freshness);
    }
}
