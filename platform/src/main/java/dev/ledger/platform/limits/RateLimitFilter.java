package dev.ledger.platform.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a caller's request with 429, {@code Retry-After} and problem+json once its {@link CallerBuckets bucket} is
 * empty. The caller is the authenticated principal's name ({@code getUserPrincipal()}, which Spring Security fills
 * in), so this filter runs after Spring Security's; an anonymous call is keyed by its remote address. Health
 * probes are never limited: a prober that is refused would take a healthy node out of service.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private static final String HEALTH = "/actuator/health";

    private final CallerBuckets buckets;
    private final LimitRejections rejections;
    private final ObjectMapper json;

    RateLimitFilter(CallerBuckets buckets, LimitRejections rejections, ObjectMapper json) {
        this.buckets = buckets;
        this.rejections = rejections;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the path as sent, which is what Spring MVC matches handlers against (dot segments and all): a path that
        // starts like health can only reach health, or nothing
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long retryAfter = buckets.take(caller(request));
        if (retryAfter == 0) {
            chain.doFilter(request, response);
            return;
        }
        rejections.rejected(LimitRejections.Limit.RATE);
        ProblemDetail problem = LedgerProblems.problem(
                ErrorCode.RATE_LIMITED, "too many requests from this caller; retry after " + retryAfter + " s");
        problem.setProperty("retryAfterSeconds", retryAfter);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        LedgerProblems.write(response, json, problem);
    }

    /** Prefixed, so that a principal named like an address never shares that address's bucket. */
    private static String caller(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal != null && principal.getName() != null
                ? "principal:" + principal.getName()
                : "address:" + request.getRemoteAddr();
    }
}
