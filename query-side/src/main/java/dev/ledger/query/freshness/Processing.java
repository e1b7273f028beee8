package dev.ledger.query.freshness;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code processing} field of every query answer. One JSON value of two types, as the README and the first
 * clients have it: {@code false}, {@code true} or the string {@code "REPLAYING"}; so the API description shows it
 * untyped with its three values described ({@link FreshnessApiDocs}), which a generated client reads as an object.
 */
public enum Processing {

    /** The answer includes everything the request's token asked for. */
    CAUGHT_UP(Boolean.FALSE),
    /** The read model has not applied the awaited version or position yet: the answer says only how far it got. */
    BEHIND(Boolean.TRUE),
    /** The read model is being rebuilt; {@code replayProgress} says how far. */
    REPLAYING("REPLAYING");

    private final Object json;

    Processing(Object json) {
        this.json = json;
    }

    @JsonValue
    Object json() {
        return json;
    }
}
