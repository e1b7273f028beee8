package dev.ledger.query.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
public record Divergence(DivergenceKind kind, String accountId, String transferId, String currency,
                         JsonNode expected, JsonNode actual, String detail, boolean repaired) {

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
