package dev.ledger.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documents' examples name the README tour's ids ({@code alice}, {@code t-1}, {@code au-1}); on the shared
 * ledger those would collide with other classes and with earlier runs of this one. Every id an example carries gets
 * one prefix of this run, the same wherever it appears (a body's {@code accountId}, the path's {@code {accountId}},
 * a list's {@code ?accountId=}, the id inside a consistency token {@code alice@2}), so the examples still refer to
 * each other: the deposit lands on the account the opening example opened.
 */
final class RunIds {

    /** Names of fields and parameters whose values are ledger ids (metadata keys such as orderId are not). */
    private static final Set<String> ID_NAMES = Set.of("accountid", "sourceaccountid", "destinationaccountid",
                                                       "transferid", "refundid", "authorizationid", "captureid");
    /** Names whose values are consistency tokens: {@code <id>@<version>} or {@code @<position>}. */
    private static final Set<String> TOKEN_NAMES = Set.of("after", "x-consistency-token");
    private static final Pattern AGGREGATE_TOKEN = Pattern.compile("(.+)@(\\d+)");

    private final String prefix;

    private RunIds(String prefix) {
        this.prefix = prefix;
    }

    /** A prefix no other run has taken (ids stay well under 64 characters with it). */
    static RunIds fresh(String tag) {
        return new RunIds(tag + UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    String prefix() {
        return prefix;
    }

    /** This run's version of an example id. */
    String id(String exampleId) {
        return prefix + exampleId;
    }

    /** The value this run sends for a parameter or field of that name whose example is {@code value}. */
    String rewrite(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (ID_NAMES.contains(key)) {
            return id(value);
        }
        if (TOKEN_NAMES.contains(key)) {
            Matcher token = AGGREGATE_TOKEN.matcher(value);
            return token.matches() ? id(token.group(1)) + "@" + token.group(2) : value;
        }
        return value;
    }

    /** A copy of an example body with its ids rewritten, at any depth. */
    JsonNode rewrite(JsonNode body) {
        JsonNode copy = body.deepCopy();
        rewriteInPlace(copy);
        return copy;
    }

    private void rewriteInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (field.getValue().isTextual()) {
                    field.setValue(object.textNode(rewrite(field.getKey(), field.getValue().asText())));
                } else {
                    rewriteInPlace(field.getValue());
                }
            });
        } else if (node.isArray()) {
            node.forEach(this::rewriteInPlace);
        }
    }
}
