package dev.ledger.command.web;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Metadata;
import dev.ledger.platform.web.LedgerRequestException;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code "metadata"} object of a request body, checked against {@link Metadata}'s bounds. Bodies bind it as
 * {@code Map<String, Object>} rather than {@code Map<String, String>}: Jackson would turn {@code 123} or
 * {@code true} into a string unasked, so {@code "123"} and {@code 123} would be the same label; here only JSON
 * strings are values, and anything else is refused with the same problem as any other broken bound.
 */
public final class RequestMetadata {

    private RequestMetadata() {
    }

    /**
     * The labels of a request body ({@code null}: none).
     *
     * @throws LedgerRequestException {@link ErrorCode#METADATA_INVALID} when a value is not a string or a bound is
     *                                broken
     */
    public static Metadata from(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            return Metadata.EMPTY;
        }
        Map<String, String> labels = new HashMap<>();
        body.forEach((key, value) -> {
            if (value != null && !(value instanceof String)) {
                throw new LedgerRequestException(ErrorCode.METADATA_INVALID,
                                                 "metadata values are strings; " + key + " is not");
            }
            labels.put(key, (String) value);
        });
        Metadata.violation(labels).ifPresent(violation -> {
            throw new LedgerRequestException(ErrorCode.METADATA_INVALID, violation);
        });
        return Metadata.of(labels);
    }
}
