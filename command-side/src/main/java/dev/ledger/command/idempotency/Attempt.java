package dev.ledger.command.idempotency;

import dev.ledger.command.idempotency.IdempotencyStore.StoredResponse;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * What one attempt of a command request came to ({@link KeyProtocol}).
 *
 * @param outcome  how it ended
 * @param rendered the answer the application rendered, held back until the request is answered
 * @param first    the key's stored first answer, for {@link Outcome#REPLAY} and {@link Outcome#MISMATCH}
 */
record Attempt(Outcome outcome, ContentCachingResponseWrapper rendered, StoredResponse first) {

    enum Outcome {
        /** The command succeeded: its effects and its key's answer commit together. */
        EXECUTED,
        /** The ledger refused (a decision under a key is stored), or the request was not acceptable: not retried. */
        REFUSED,
        /** The command failed in a way worth running again ({@link TransientFailure}); nothing commits. */
        TRANSIENT,
        /** The transaction itself failed (no connection, a lost one, a failed commit): nothing was answered. */
        UNANSWERED,
        /** The key was answered before, for this very request: that answer again. */
        REPLAY,
        /** The key was answered before, for another request. */
        MISMATCH,
        /** A request with the key is still running. */
        IN_FLIGHT;

        /** Whether running the whole request again may end otherwise. */
        boolean isTransient() {
            return this == TRANSIENT || this == UNANSWERED;
        }
    }
}
