package dev.ledger.command.idempotency;

import dev.ledger.command.idempotency.Attempt.Outcome;
import dev.ledger.command.idempotency.IdempotencyStore.StoredResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * One attempt of a command request, as one PostgreSQL transaction that Axon's unit of work for the command joins,
 * so the command's events and its {@code Idempotency-Key}'s answer commit together or not at all. In this order:
 * <ol>
 *     <li>the key's lock, a transaction-scoped advisory lock taken without waiting (taken: the same key still runs,
 *     409), released by PostgreSQL if the process dies, so a crash never leaves a key stuck;</li>
 *     <li>the key's stored answer, if any: the same request gets it again, another request 422;</li>
 *     <li>a savepoint, so what the command does, and nothing before it, can be undone while the key stays locked;</li>
 *     <li>the command, through the rest of the filter chain, its answer rendered and held back;</li>
 *     <li>the answer stored, if it is a success or a decision (404, 412, 422, see {@link #isDecision}), in this
 *     transaction, under the key's lock: were the lock free before the answer is stored, a retry (on any node)
 *     would find the key unanswered and decide anew on a ledger changed meanwhile. A refusal is stored after rolling
 *     back to the savepoint, so it commits and nothing the command did. Every other answer is not stored and rolls
 *     the whole transaction back, so a corrected retry with the same key runs the request again.</li>
 * </ol>
 * Requests without a key (freeze, unfreeze, close may omit it) run the command alone in the transaction.
 */
final class KeyProtocol {

    private static final Logger log = LoggerFactory.getLogger(KeyProtocol.class);

    /** The refusals stored and replayed under their key, beside the successes; see {@link #isDecision}. */
    static final Set<Integer> STORED_REFUSALS = Set.of(404, 412, 422);

    private final TransactionTemplate transactions;
    private final IdempotencyStore store;

    KeyProtocol(TransactionTemplate transactions, IdempotencyStore store) {
        this.transactions = transactions;
        this.store = store;
    }

    /**
     * @param number the attempt's number, from 1, for the log
     * @param key    the request's key, or {@code null} if it has none
     */
    Attempt attempt(int number, CachedBodyRequest request, HttpServletResponse response, FilterChain chain,
                    IdempotencyKey key) {
        ContentCachingResponseWrapper rendered = new ContentCachingResponseWrapper(response);
        TransientFailure.clear(request);
        try {
            return transactions.execute(tx -> inTransaction(request, rendered, chain, key, tx));
        } catch (TransientDataAccessException | CannotCreateTransactionException | TransactionSystemException e) {
            // no connection (the pool is exhausted, the database is gone), a failed statement, or a connection lost
            // so that the rollback or the commit itself failed: nothing was answered. Running the request again is
            // safe even after a commit whose outcome is unknown: a committed attempt stored its key and is replayed,
            // and the requests without a key (freeze, unfreeze, close) change nothing twice. The aggregates it
            // touched are dropped from the cache (TransactionBoundLockFactory).
            log.warn("transient database failure on attempt {}: {}", number, e.getMessage());
            return new Attempt(Outcome.UNANSWERED, rendered, null);
        }
    }

    private Attempt inTransaction(CachedBodyRequest request, ContentCachingResponseWrapper rendered,
                                  FilterChain chain, IdempotencyKey key, TransactionStatus tx) {
        Object beforeCommand = null;
        if (key != null) {
            if (!store.tryLock(key.lockId())) {
                return new Attempt(Outcome.IN_FLIGHT, rendered, null);
            }
            var first = store.find(key.clientId(), key.key());
            if (first.isPresent()) {
                Outcome outcome = first.get().requestHash().equals(key.fingerprint()) ? Outcome.REPLAY
                        : Outcome.MISMATCH;
                return new Attempt(outcome, rendered, first.get());
            }
            beforeCommand = tx.createSavepoint();
        }
        try {
            chain.doFilter(request, rendered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        int status = rendered.getStatus();
        if (status >= 200 && status < 300) {
            if (key != null) {
                store.save(key.clientId(), key.key(), stored(key, rendered));
            }
            return new Attempt(Outcome.EXECUTED, rendered, null);
        }
        if (beforeCommand != null && isDecision(status) && !TransientFailure.isMarked(request)) {
            // Nothing the refused command did commits with its stored refusal: Axon's unit of work rolled back only
            // itself, at most marking this transaction rollback-only (eventstore's ParticipatingConnectionProvider);
            // the savepoint undoes every statement since, also one that aborted the transaction, and clears that mark.
            tx.rollbackToSavepoint(beforeCommand);
            store.save(key.clientId(), key.key(), stored(key, rendered));
            return new Attempt(Outcome.REFUSED, rendered, null);
        }
        // nothing a refused or failed command did may commit, and no answer is stored
        tx.setRollbackOnly();
        return new Attempt(TransientFailure.isMarked(request) ? Outcome.TRANSIENT : Outcome.REFUSED, rendered, null);
    }

    /**
     * The refusals the ledger decided on the request's content, which a retry of the same request would get again:
     * an unknown account or transfer (404), a stale {@code If-Match} (412), a broken rule (422). An allow-list: any
     * other answer (400, 406, 415 and whatever content negotiation adds; 409, a conflict with another request that
     * running again answers anew; 401 and 403, about the token) says nothing about what a corrected retry gets.
     */
    private static boolean isDecision(int status) {
        return STORED_REFUSALS.contains(status);
    }

    private static StoredResponse stored(IdempotencyKey key, ContentCachingResponseWrapper rendered) {
        return new StoredResponse(key.fingerprint(), rendered.getStatus(), rendered.getContentType(),
                                  new String(rendered.getContentAsByteArray(), StandardCharsets.UTF_8));
    }
}
