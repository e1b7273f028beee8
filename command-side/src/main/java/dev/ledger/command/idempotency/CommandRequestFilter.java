package dev.ledger.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.command.locking.CommandDeadline;
import dev.ledger.command.web.HandlerLookup;
import dev.ledger.command.web.ResolvedHandler;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every command request runs as one PostgreSQL transaction: Axon's unit of work for the command joins it, so the
 * command's events and the {@code Idempotency-Key} record (with the response) commit together or not at all.
 * <ul>
 *     <li>same key, same request (method, path, canonical body): the stored first response again, with
 *     {@code Idempotent-Replayed: true}, also after a restart;</li>
 *     <li>same key, different request: 422; same key while the first request still runs: 409 (a transaction-scoped
 *     advisory lock, released by PostgreSQL if the process dies, so a crash never leaves a key stuck);</li>
 *     <li>a transient failure (a conflicting append from another node, a lost connection) re-runs the whole
 *     transaction with exponential backoff and jitter, within bounded attempts and total time; a refusal by the
 *     domain is never retried.</li>
 * </ul>
 * The accounts the request names are locked before its transaction begins ({@link AccountsAhead}), so a request
 * waiting for a busy account holds no pooled connection, and {@code ledger.commands.timeout} bounds every wait of
 * the request (those locks, any other lock inside, retries): past it the answer is 503, nothing done.
 * Only the ledger's decisions are stored: a success, and the refusals 404, 412 and 422 (see {@link #isDecision}),
 * each in the request's transaction, under the key's lock: were the lock free before the answer is stored, a retry
 * (on any node) would find the key unanswered and decide anew on a ledger changed meanwhile. A refusal is stored
 * after rolling back to a savepoint taken before the command, so it commits and nothing the command did. Every
 * other answer (a malformed or unacceptable request, a conflict, the caller's roles, a 5xx) is not stored and
 * rolls the whole transaction back, so a corrected retry with the same key runs the request again.
 * <p>
 * It engages on requests whose handler, as Spring MVC resolves it ({@link HandlerLookup}), is marked
 * {@link IdempotentCommand}: every spelling of a command's path that reaches the handler is that command (same key
 * rule, same fingerprint), whatever the spelling. A filter rather than a {@code HandlerInterceptor} or an aspect
 * around the controllers, because what is stored is the rendered response (problem+json from the exception handlers
 * included) and a retry re-runs the whole dispatch: only code around the DispatcherServlet sees both.
 * <p>
 * The platform's body limit refuses a body over {@code ledger.limits.max-body-bytes} before this filter runs (413);
 * the same limit here is a backstop with the same answer, since this filter reads the whole body into memory.
 * <p>
 * One file over 300 lines because it is one protocol whose order is the guarantee: the key's lock, the
 * transaction, the command, the stored answer and the retries of the whole, read best top to bottom in one place.
 */
public class CommandRequestFilter extends OncePerRequestFilter {

    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Once the client's own header; now only checked against the token, never trusted on its own. */
    static final String CLIENT_HEADER = "X-Client-Id";
    static final String FAULT_HEADER = "X-Ledger-Fault";

    private static final Logger log = LoggerFactory.getLogger(CommandRequestFilter.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** A busy account or a missing connection is usually a matter of moments. */
    private static final long RETRY_AFTER_SECONDS = 1;

    private final HandlerLookup handlers;
    private final AccountsAhead accounts;
    private final Duration timeout;
    private final TransactionTemplate transactions;
    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final ObjectMapper json;
    private final int maxBodyBytes;
    private final boolean faultInjection;

    CommandRequestFilter(HandlerLookup handlers, AccountsAhead accounts, Duration timeout,
                         TransactionTemplate transactions, IdempotencyStore store, IdempotencyProperties properties,
                         ObjectMapper json, long maxBodyBytes, boolean faultInjection) {
        this.handlers = handlers;
        this.accounts = accounts;
        this.timeout = timeout;
        this.transactions = transactions;
        this.store = store;
        this.properties = properties;
        this.json = json;
        // the body is held in one array
        this.maxBodyBytes = (int) Math.min(maxBodyBytes, Integer.MAX_VALUE - 8);
        this.faultInjection = faultInjection;
    }

    /** Decided by the handler the request will reach, not by its path: see {@link IdempotentCommand}. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || command(request).isEmpty();
    }

    private Optional<IdempotentCommand> command(HttpServletRequest request) {
        return handlers.resolve(request).flatMap(handler -> handler.annotation(IdempotentCommand.class));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ResolvedHandler handler = handlers.resolve(request).orElseThrow();
        // every spelling of the request is fingerprinted as the same request
        String path = handler.canonicalPath();
        String key = unquote(request.getHeader(KEY_HEADER));
        if (key == null && command(request).orElseThrow().keyRequired()) {
            problem(response, ErrorCode.IDEMPOTENCY_KEY_INVALID,
                    "this request moves money or creates something: send an Idempotency-Key header");
            return;
        }
        if (key != null && !KEY.matcher(key).matches()) {
            problem(response, ErrorCode.IDEMPOTENCY_KEY_INVALID,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
            return;
        }
        // keys belong to the authenticated client: one client can neither replay nor poison another's
        String clientId = Caller.required().clientId();
        String claimed = request.getHeader(CLIENT_HEADER);
        if (claimed != null && !claimed.strip().equals(clientId)) {
            problem(response, ErrorCode.ACCESS_DENIED,
                    CLIENT_HEADER + " names another client than the bearer token's; leave it out");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            problem(response, ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        CachedBodyRequest cached = new CachedBodyRequest(request, body);
        Keyed keyed = key == null ? null
                : new Keyed(clientId, key, RequestFingerprint.of("POST", path, body),
                            RequestFingerprint.lockId(clientId, key));
        // the timeout bounds every wait of the request: for its accounts here, for any other lock inside, retries
        try (CommandDeadline deadline = CommandDeadline.start(timeout)) {
            Lock held;
            try {
                held = accounts.acquire(handler, body, deadline.nanos());
            } catch (LockAcquisitionFailedException busy) {
                unavailable(response, "the account is busy; nothing was done: retry with the same Idempotency-Key");
                return;
            }
            try (held) {
                execute(cached, response, chain, keyed, deadline.nanos());
            }
        }
    }

    private void execute(CachedBodyRequest request, HttpServletResponse response, FilterChain chain, Keyed keyed,
                         long requestDeadline) throws IOException {
        long deadline = Math.min(System.nanoTime() + properties.maxTotal().toNanos(), requestDeadline);
        for (int attempt = 1; ; attempt++) {
            ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
            TransientFailure.clear(request);
            Outcome outcome;
            try {
                outcome = transactions.execute(tx -> attempt(request, captured, chain, keyed, tx));
            } catch (TransientDataAccessException | CannotCreateTransactionException | TransactionSystemException e) {
                // no connection (the pool is exhausted, the database is gone), a failed statement, or a connection
                // lost so that the rollback or the commit itself failed: nothing was answered. Running the request
                // again is safe even after a commit whose outcome is unknown: a committed attempt stored its key and
                // is replayed, and the requests without a key (freeze, unfreeze, close) change nothing twice. The
                // aggregates it touched are dropped from the cache (TransactionBoundLockFactory).
                outcome = Outcome.UNANSWERED;
                log.warn("transient database failure on attempt {}: {}", attempt, e.getMessage());
            }
            if ((outcome == Outcome.TRANSIENT || outcome == Outcome.UNANSWERED) && attempt < properties.maxAttempts()
                    && sleepBeforeRetry(attempt, deadline)) {
                continue;
            }
            finish(outcome, request, response, captured, keyed);
            return;
        }
    }

    private Outcome attempt(CachedBodyRequest request, ContentCachingResponseWrapper captured, FilterChain chain,
                            Keyed keyed, TransactionStatus tx) {
        Object beforeCommand = null;
        if (keyed != null) {
            if (!store.tryLock(keyed.lockId())) {
                return Outcome.IN_FLIGHT;
            }
            var first = store.find(keyed.clientId(), keyed.key());
            if (first.isPresent()) {
                keyed.replay = first.get();
                return keyed.replay.requestHash().equals(keyed.fingerprint()) ? Outcome.REPLAY : Outcome.MISMATCH;
            }
            // what the command does, and nothing before it, can be undone while the key stays locked
            beforeCommand = tx.createSavepoint();
        }
        try {
            chain.doFilter(request, captured);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        int status = captured.getStatus();
        if (status >= 200 && status < 300) {
            if (keyed != null) {
                store.save(keyed.clientId(), keyed.key(), stored(keyed, captured));
            }
            if (faultInjection && "before-commit".equals(request.getHeader(FAULT_HEADER))) {
                // test hook (ledger.faults.enabled): the command is done, its transaction rolls back
                throw new IllegalStateException("injected fault between the command and its commit");
            }
            return Outcome.EXECUTED;
        }
        if (beforeCommand != null && isDecision(status) && !TransientFailure.isMarked(request)) {
            // A decision is stored before the key's lock is released, or a retry could find the key free and
            // unanswered and decide anew on a changed ledger. Nothing the refused command did commits with it: Axon's
            // unit of work rolled back only itself, at most marking this transaction rollback-only (eventstore's
            // ParticipatingConnectionProvider); the savepoint undoes every statement since, also one that aborted
            // the transaction, and clears that mark.
            tx.rollbackToSavepoint(beforeCommand);
            store.save(keyed.clientId(), keyed.key(), stored(keyed, captured));
            return Outcome.REFUSED;
        }
        // nothing a refused or failed command did may commit, and no answer is stored
        tx.setRollbackOnly();
        return TransientFailure.isMarked(request) ? Outcome.TRANSIENT : Outcome.REFUSED;
    }

    private void finish(Outcome outcome, CachedBodyRequest request, HttpServletResponse response,
                        ContentCachingResponseWrapper captured, Keyed keyed) throws IOException {
        if (outcome == Outcome.EXECUTED && faultInjection && "after-commit".equals(request.getHeader(FAULT_HEADER))) {
            // test hook (ledger.faults.enabled): the effect and its key are committed, the response is lost
            throw new IllegalStateException("injected fault between commit and response");
        }
        switch (outcome) {
            case EXECUTED, REFUSED, TRANSIENT -> captured.copyBodyToResponse();
            case REPLAY -> {
                response.setStatus(keyed.replay.status());
                if (keyed.replay.contentType() != null) {
                    response.setContentType(keyed.replay.contentType());
                }
                response.setHeader(REPLAYED_HEADER, "true");
                if (keyed.replay.body() != null) {
                    response.getOutputStream().write(keyed.replay.body().getBytes(StandardCharsets.UTF_8));
                }
            }
            // never the empty 200 an unwritten response would be
            case UNANSWERED -> unavailable(response, "the ledger's database is unavailable; nothing was done: retry "
                                                     + "with the same Idempotency-Key");
            case IN_FLIGHT -> problem(response, ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                                      "a request with this Idempotency-Key is still being processed; retry later");
            case MISMATCH -> problem(response, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                     "this Idempotency-Key was used for a different request");
        }
    }

    /**
     * The refusals the ledger decided on the request's content, which a retry of the same request would get again:
     * an unknown account or transfer (404), a stale {@code If-Match} (412), a broken rule (422). An allow-list: any
     * other answer (400, 406, 415 and whatever content negotiation adds; 409, a conflict with another request that
     * running again answers anew; 401 and 403, about the token) says nothing about what a corrected retry gets.
     */
    private static boolean isDecision(int status) {
        return status == 404 || status == 412 || status == 422;
    }

    private static IdempotencyStore.StoredResponse stored(Keyed keyed, ContentCachingResponseWrapper captured) {
        return new IdempotencyStore.StoredResponse(keyed.fingerprint(), captured.getStatus(), captured.getContentType(),
                                                   new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8));
    }

    private boolean sleepBeforeRetry(int attempt, long deadline) {
        long base = properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        long delay = (long) (capped * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble()));
        if (System.nanoTime() + delay * 1_000_000 > deadline) {
            return false;
        }
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void problem(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        LedgerProblems.write(response, json, LedgerProblems.problem(code, detail));
    }

    private void unavailable(HttpServletResponse response, String detail) throws IOException {
        ProblemDetail problem = LedgerProblems.problem(ErrorCode.SERVICE_UNAVAILABLE, detail);
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        LedgerProblems.write(response, json, problem);
    }

    private static String unquote(String header) {
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

    enum Outcome { EXECUTED, REFUSED, TRANSIENT, UNANSWERED, REPLAY, MISMATCH, IN_FLIGHT }

    /** The key of one request, with what is needed to recognise and lock it. */
    private static final class Keyed {
        private final String clientId;
        private final String key;
        private final String fingerprint;
        private final long lockId;
        private IdempotencyStore.StoredResponse replay;

        private Keyed(String clientId, String key, String fingerprint, long lockId) {
            this.clientId = clientId;
            this.key = key;
            this.fingerprint = fingerprint;
            this.lockId = lockId;
        }

        String clientId() {
            return clientId;
        }

        String key() {
            return key;
        }

        String fingerprint() {
            return fingerprint;
        }

        long lockId() {
            return lockId;
        }
    }
}
