package dev.ledger.command.idempotency;

import dev.ledger.command.web.HandlerLookup;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test hooks that break a command request on purpose at the two moments its idempotency is about, asked for by the
 * {@code X-Ledger-Fault} header. Only registered with {@code ledger.faults.enabled}; never in production.
 * <ul>
 *     <li>{@code before-commit}: the command succeeded and its key's answer is written, then its transaction rolls
 *     back instead of committing;</li>
 *     <li>{@code after-commit}: the command and its key's answer are committed, then the answer is lost.</li>
 * </ul>
 * Either way the request fails with the exception. Runs inside {@link CommandRequestFilter}, so inside each
 * attempt's transaction, and acts on an attempt the command succeeded in; the faults fire from that transaction's
 * commit, where the request's own code has nothing left to do.
 */
final class FaultInjectionFilter extends OncePerRequestFilter {

    static final String FAULT_HEADER = "X-Ledger-Fault";

    private final HandlerLookup handlers;

    FaultInjectionFilter(HandlerLookup handlers) {
        this.handlers = handlers;
    }

    /** The requests {@link CommandRequestFilter} runs, no others. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(FAULT_HEADER) == null
                || handlers.resolve(request).flatMap(handler -> handler.annotation(IdempotentCommand.class)).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status < 200 || status >= 300 || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        switch (request.getHeader(FAULT_HEADER)) {
            case "before-commit" -> TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            // thrown here, the commit becomes a rollback
                            throw new IllegalStateException("injected fault between the command and its commit");
                        }
                    });
            case "after-commit" -> TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            throw new IllegalStateException("injected fault between commit and response");
                        }
                    });
            default -> {
            }
        }
    }
}
