package dev.ledger.query.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigInteger;

/**
 * One finding of a run.
 *
 * @param kind       what is wrong
 * @param accountId  the account (customer or system) the finding is about, if any
 * @param transferId the transfer, for {@link DivergenceKind#MISSING_POSTING} and the {@code TRANSFER_} kinds
 * @param currency   the currency, if known
 * @param expected   what the event store says: a number (an amount, a version, a sum, exact at any size), or a
 *                   status name or description as text
 * @param actual     what the read model says, typed the same way
 * @param detail     why, and what an operator can do about it
 * @param repaired   whether the run repaired it
 */
@Schema(description = "One finding of a reconciliation run.")
public record Divergence(@Schema(requiredMode = RequiredMode.REQUIRED, example = "BALANCE_MISMATCH",
                                 description = "What is wrong; see the README's table of kinds and what repairs each.")
                         DivergenceKind kind,
                         @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "alice",
                                 description = "The account (customer or system) it is about, if any.")
                         String accountId,
                         @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "t-1",
                                 description = "The transfer, for `MISSING_POSTING` and the `TRANSFER_` kinds.")
                         String transferId,
                         @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "EUR",
                                 description = "The currency, if known.")
                         String currency,
                         @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "7000",
                                 implementation = Object.class,
                                 description = "What the event store says: a number (an amount, a version, a sum, "
                                               + "exact at any size) or text (a status, a description).")
                         JsonNode expected,
                         @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "7001",
                                 implementation = Object.class,
                                 description = "What the read model says, typed the same way.")
                         JsonNode actual,
                         @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "at version 6",
                                 description = "Why, and what an operator can do about it.")
                         String detail,
                         @Schema(requiredMode = RequiredMode.REQUIRED, example = "false",
                                 description = "Whether the run repaired it.")
                         boolean repaired) {

    static Divergence ofAccount(DivergenceKind kind, String accountId, String currency, Object expected,
                                Object actual, String detail) {
        return new Divergence(kind, accountId, null, currency, value(expected), value(actual), detail, false);
    }

    static Divergence ofTransfer(DivergenceKind kind, String transferId, String accountId, String currency,
                                 Object expected, Object actual, String detail) {
        return new Divergence(kind, accountId, transferId, currency, value(expected), value(actual), detail, false);
    }

    static Divergence ofCurrency(DivergenceKind kind, String currency, Object expected, Object actual,
                                 String detail) {
        return new Divergence(kind, null, null, currency, value(expected), value(actual), detail, false);
    }

    Divergence markRepaired() {
        return new Divergence(kind, accountId, transferId, currency, expected, actual, detail, true);
    }

    /** Numbers stay numbers, so that neither the stored run nor its JSON answer need to guess them back. */
    static JsonNode value(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return nodes.numberNode(big);
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return nodes.textNode(value instanceof Enum<?> e ? e.name() : value.toString());
    }
}
