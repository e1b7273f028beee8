package dev.ledger.command.backpressure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.command.web.HandlerLookup;
import dev.ledger.platform.web.LedgerProblems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses money-moving requests with 503, {@code Retry-After} and problem+json while {@link Backpressure} says so.
 * Runs before the idempotency filter: a refused request has opened no transaction and taken no lock, so it writes
 * nothing and stores no response for its {@code Idempotency-Key}, and a retry with the same key runs normally.
 * Account lifecycle requests (open, freeze, unfreeze, close) move no money and pass.
 */
class BackpressureFilter extends OncePerRequestFilter {

    static final String REFUSALS_METRIC = "ledger.backpressure.refusals";

    private final HandlerLookup handlers;
    private final Backpressure backpressure;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    BackpressureFilter(HandlerLookup handlers, Backpressure backpressure, ObjectMapper json, MeterRegistry registry) {
        this.handlers = handlers;
        this.backpressure = backpressure;
        this.json = json;
        this.registry = registry;
        // registered up front, so a dashboard shows 0 rather than no series before the first refusal
        refusals("none");
    }

    /** Decided by the handler the request will reach, however its path is spelled: see {@link MovesMoney}. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || handlers.resolve(request).flatMap(handler -> handler.annotation(MovesMoney.class)).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Backpressure.Refusal> refusal = backpressure.refusal();
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Backpressure.Refusal refused = refusal.get();
        refusals(refused.worst().processor()).increment();
        ProblemDetail problem = LedgerProblems.problem(
                ErrorCode.PIPELINE_BACKLOG,
                "accepted work is " + refused.worst().lagEvents() + " events behind (limit "
                        + backpressure.properties().maxLagEvents() + "); nothing was done, retry after "
                        + refused.retryAfterSeconds() + " s with the same Idempotency-Key");
        problem.setProperty("retryAfterSeconds", refused.retryAfterSeconds());
        problem.setProperty("lagEvents", refused.worst().lagEvents());
        problem.setProperty("maxLagEvents", backpressure.properties().maxLagEvents());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
        LedgerProblems.write(response, json, problem);
    }

    private Counter refusals(String processor) {
        return Counter.builder(REFUSALS_METRIC)
                      .tag("processor", processor)
                      .description("money-moving requests refused because accepted work lagged beyond the limit")
                      .register(registry);
    }
}
