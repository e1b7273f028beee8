package dev.ledger.command.idempotency;

import java.util.regex.Pattern;

/**
 * A request's {@code Idempotency-Key}, as the key of one client, with what recognises its request and locks it.
 *
 * @param clientId    the authenticated client the key belongs to: one client can neither replay nor poison another's
 * @param key         the header's value
 * @param fingerprint the request's method, canonical path and canonical body, hashed ({@link RequestFingerprint})
 * @param lockId      the key's PostgreSQL advisory lock
 */
record IdempotencyKey(String clientId, String key, String fingerprint, long lockId) {

    private static final Pattern WELL_FORMED = Pattern.compile("[\\x21-\\x7E]{1,255}");

    static IdempotencyKey of(String clientId, String key, String canonicalPath, byte[] body) {
        return new IdempotencyKey(clientId, key, RequestFingerprint.of("POST", canonicalPath, body),
                                  RequestFingerprint.lockId(clientId, key));
    }

    /** The key a header carries, or {@code null} for none (absent or blank). */
    static String fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        // the draft defines the header as a structured-field string: "..."; a bare token is accepted too
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** 1 to 255 visible ASCII characters. */
    static boolean isWellFormed(String key) {
        return WELL_FORMED.matcher(key).matches();
    }
}
