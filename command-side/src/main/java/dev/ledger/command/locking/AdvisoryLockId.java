package dev.ledger.command.locking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The name of a PostgreSQL advisory lock: the first 64 bits of a text's SHA-256. Aggregates and idempotency keys
 * name theirs in the same space; a collision only makes one of two unrelated requests wait.
 */
public final class AdvisoryLockId {

    private AdvisoryLockId() {
    }

    public static long of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                id = (id << 8) | (digest[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
