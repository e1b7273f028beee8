package dev.ledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * 401 and 403 as every other refusal of the ledger: {@code application/problem+json} with a stable type, plus the
 * {@code WWW-Authenticate: Bearer ...} header RFC 6750 asks for (Spring's own handlers set it). The detail never
 * says which check a token failed: that would help whoever forges one; the log says it at debug level. Also the
 * firewall's 400 for a path that is not in canonical form (Spring's default answers it with Boot's error JSON).
 */
final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler,
                                      RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

    private static final long ISSUER_RETRY_AFTER_SECONDS = 5;

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final ObjectMapper json;

    ProblemAnswers(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        log.debug("{} {} refused: {}", request.getMethod(), request.getRequestURI(), failure.getMessage());
        bearerEntryPoint.commence(request, response, failure);
        ProblemDetail problem = LedgerProblems.problem(ErrorCode.UNAUTHENTICATED,
                "send a valid bearer token: Authorization: Bearer <access token from the ledger's issuer>");
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        LedgerProblems.write(response, json, problem);
    }

    /**
     * A token that could not be checked because the identity provider did not answer (its keys unknown so far) is
     * the ledger's outage, not the caller's fault: 503 with {@code Retry-After}, never a 500 and never a 401 that
     * would send the client to fetch a new token it does not need.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException failure) throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            log.warn("{} {}: the token could not be checked: {}", request.getMethod(), request.getRequestURI(),
                     failure.getMessage());
            response.setHeader("Retry-After", Long.toString(ISSUER_RETRY_AFTER_SECONDS));
            ProblemDetail problem = LedgerProblems.problem(ErrorCode.SERVICE_UNAVAILABLE,
                    "the identity provider's keys could not be fetched to check the token; retry shortly");
            problem.setProperty("retryAfterSeconds", ISSUER_RETRY_AFTER_SECONDS);
            LedgerProblems.write(response, json, problem);
            return;
        }
        commence(request, response, failure);
    }

    /**
     * Spring Security's firewall refuses paths that are not in canonical form ({@code ;}, an encoded {@code /},
     * {@code \}, {@code %} or {@code .}, {@code //}, dot segments): different spellings of one path could otherwise
     * be judged differently by the access rules and the handler mapping. Refused before any rule or handler runs.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("{} refused by the firewall: {}", request.getMethod(), rejected.getMessage());
        LedgerProblems.write(response, json, LedgerProblems.problem(ErrorCode.MALFORMED_REQUEST,
                "the path is not in canonical form: no ';', no encoded '/', '\\', '%' or '.', no '//' or dot "
                        + "segments"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        // a caller with a valid token trying what its roles do not allow is worth an operator's attention
        log.warn("{} {} denied to {}", request.getMethod(), request.getRequestURI(),
                 Caller.current().map(Caller::subject).orElse("an anonymous caller"));
        bearerDenied.handle(request, response, denied);
        ProblemDetail problem = LedgerProblems.problem(ErrorCode.ACCESS_DENIED,
                "the token's roles do not allow " + request.getMethod() + " " + request.getRequestURI());
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        LedgerProblems.write(response, json, problem);
    }
}
