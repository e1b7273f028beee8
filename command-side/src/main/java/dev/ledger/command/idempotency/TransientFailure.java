package dev.ledger.command.idempotency;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Marks a request whose failure is worth retrying as a whole (a conflicting append by another node, a lost
 * database connection), as opposed to a refusal that would only repeat. Set by the exception handlers, read by
 * {@link KeyProtocol} for the attempt that just ran (it clears the mark before each).
 * <p>
 * A request attribute because the exception handlers run inside the DispatcherServlet and the retries around it,
 * and the request is all the two share; the handlers alone know which exception they answered, so the filter does
 * not classify the exceptions a second time.
 */
public final class TransientFailure {

    private static final String ATTRIBUTE = TransientFailure.class.getName();

    private TransientFailure() {
    }

    public static void mark(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    static boolean isMarked(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }

    static void clear(HttpServletRequest request) {
        request.removeAttribute(ATTRIBUTE);
    }
}
