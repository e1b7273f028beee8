package dev.ledger.command.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code idempotency_key} table. Every method runs in the caller's transaction. */
@Component
class IdempotencyStore {

    private final JdbcTemplate jdbc;

    IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the key's transaction-scoped advisory lock without waiting. Held until commit or rollback, and
     * released by PostgreSQL if this process dies, so a crash never leaves a key stuck "in flight".
     */
    boolean tryLock(long lockId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, lockId));
    }

    Optional<StoredResponse> find(String clientId, String key) {
        return jdbc.query("""
                                  SELECT request_hash, response_status, response_type, response_body
                                  FROM idempotency_key WHERE client_id = ? AND idempotency_key = ?""",
                          (rs, n) -> new StoredResponse(rs.getString(1), rs.getInt(2), rs.getString(3),
                                                        rs.getString(4)),
                          clientId, key)
                   .stream().findFirst();
    }

    void save(String clientId, String key, StoredResponse response) {
        jdbc.update("""
                            INSERT INTO idempotency_key (client_id, idempotency_key, request_hash, response_status,
                                                         response_type, response_body)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    clientId, key, response.requestHash(), response.status(), response.contentType(), response.body());
    }

    int deleteCreatedBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_key WHERE created_at < ?", Timestamp.from(cutoff));
    }

    /** The first response to a key, and the fingerprint of the request that got it. */
    record StoredResponse(String requestHash, int status, String contentType, String body) {
    }
}
