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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every command request runs as one PostgreSQL transaction with its {@code Idempotency-Key} (IETF httpapi draft
 * semantics):
 * <ul>
 *     <li>same key, same request (method, path, canonical body): the stored first response again, with
 *     {@code Idempotent-Replayed: true}, also after a restart;</li>
 *     <li>same key, different request: 422; same key while the first request still runs: 409;</li>
 *     <li>a transient failure (a conflicting append from another node, a lost connection) re-runs the whole
 *     transaction with exponential backoff and jitter, within bounded attempts and total time; a refusal by the
 *     domain is never retried.</li>
 * </ul>
 * This filter checks the request (its key, its client, its body), locks the accounts it names before its
 * transaction begins ({@link AccountsAhead}), so a request waiting for a busy account holds no pooled connection,
 * runs it ({@link TransientRetries} around {@link KeyProtocol}: the key's lock, the transaction, the savepoint,
 * the command, the stored answer, each attempt whole) and writes the answer. {@code ledger.commands.timeout} bounds
 * every wait of the request (those locks, any other lock inside, retries): past it the answer is 503, nothing done.
 * <p>
 * It engages on requests whose handler, as Spring MVC resolves it ({@link HandlerLookup}), is marked
 * {@link IdempotentCommand}: every spelling of a command's path that reaches the handler is that command (same key
 * rule, same fingerprint), whatever the spelling. A filter rather than a {@code HandlerInterceptor} or an aspect
 * around the controllers, because what is stored is the rendered response (problem+json from the exception handlers
 * included) and a retry re-runs the whole dispatch: only code around the DispatcherServlet sees both.
 * <p>
 * The platform's body limit refuses a body over {@code ledger.limits.max-body-bytes} before this filter runs (413);
 * the same limit here is a backstop with the same answer, since this filter reads the whole body into memory.
 */
public class CommandRequestFilter extends OncePerRequestFilter {

    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Once the client's own header; now only checked against the token, never trusted on its own. */
    static final String CLIENT_HEADER = "X-Client-Id";

    /** A busy account or a missing connection is usually a matter of moments. */
    private static final long RETRY_AFTER_SECONDS = 1;

    private final HandlerLookup handlers;
    private final AccountsAhead accounts;
    private final Duration timeout;
    private final KeyProtocol protocol;
    private final TransientRetries retries;
    private final ObjectMapper json;
    private final int maxBodyBytes;

    CommandRequestFilter(HandlerLookup handlers, AccountsAhead accounts, Duration timeout, KeyProtocol protocol,
                         TransientRetries retries, ObjectMapper json, long maxBodyBytes) {
        this.handlers = handlers;
        this.accounts = accounts;
        this.timeout = timeout;
        this.protocol = protocol;
        this.retries = retries;
        this.json = json;
        // the body is held in one array
        this.maxBodyBytes = (int) Math.min(maxBodyBytes, Integer.MAX_VALUE - 8);
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
        String key = IdempotencyKey.fromHeader(request.getHeader(KEY_HEADER));
        if (key == null && command(request).orElseThrow().keyRequired()) {
            problem(response, ErrorCode.IDEMPOTENCY_KEY_INVALID,
                    "this request moves money or creates something: send an Idempotency-Key header");
            return;
        }
        if (key != null && !IdempotencyKey.isWellFormed(key)) {
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
        // every spelling of the request is fingerprinted as the same request
        IdempotencyKey keyed = key == null ? null : IdempotencyKey.of(clientId, key, handler.canonicalPath(), body);
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
                Attempt last = retries.run(number -> protocol.attempt(number, cached, response, chain, keyed),
                                           attempt -> attempt.outcome().isTransient(), deadline.nanos());
                answer(last, response);
            }
        }
    }

    private void answer(Attempt attempt, HttpServletResponse response) throws IOException {
        switch (attempt.outcome()) {
            case EXECUTED, REFUSED, TRANSIENT -> attempt.rendered().copyBodyToResponse();
            case REPLAY -> {
                IdempotencyStore.StoredResponse first = attempt.first();
                response.setStatus(first.status());
                if (first.contentType() != null) {
                    response.setContentType(first.contentType());
                }
                response.setHeader(REPLAYED_HEADER, "true");
                if (first.body() != null) {
                    response.getOutputStream().write(first.body().getBytes(StandardCharsets.UTF_8));
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

    private void problem(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        LedgerProblems.write(response, json, LedgerProblems.problem(code, detail));
    }

    private void unavailable(HttpServletResponse response, String detail) throws IOException {
        ProblemDetail problem = LedgerProblems.problem(ErrorCode.SERVICE_UNAVAILABLE, detail);
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        LedgerProblems.write(response, json, problem);
    }
}
