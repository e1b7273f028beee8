package dev.ledger.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ledger.command.locking.AdvisoryLockId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for an idempotency key: method, path and the body as canonical JSON (keys
 * sorted, whitespace dropped), so a client re-serialising the same object in another field order is not refused.
 */
final class RequestFingerprint {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RequestFingerprint() {
    }

    static String of(String method, String path, byte[] body) {
        MessageDigest sha256 = sha256();
        sha256.update((method + ' ' + path + '\n').getBytes(StandardCharsets.UTF_8));
        sha256.update(canonical(body));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** 64 bits of the key's hash, the name of its PostgreSQL advisory lock. */
    static long lockId(String clientId, String key) {
        return AdvisoryLockId.of(clientId + '\n' + key);
    }

    private static byte[] canonical(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        try {
            Object tree = CANONICAL.readValue(body, Object.class);
            return CANONICAL.writeValueAsBytes(tree);
        } catch (JsonProcessingException notJson) {
            return body;
        } catch (IOException e) {
            return body;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
