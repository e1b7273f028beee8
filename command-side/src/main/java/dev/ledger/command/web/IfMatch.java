package dev.ledger.command.web;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerRequestException;

/**
 * Reads the aggregate version a client expects from {@code If-Match} ({@code "3"} or {@code 3}); the command
 * is then refused with 412 if the aggregate has moved on. Weak tags and lists are refused: a version is exact.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    private IfMatch() {
    }

    /** @return the expected version, or {@code null} when the header is absent */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "If-Match must be an aggregate version such as \"3\"");
        }
        return Long.parseLong(value);
    }
}
