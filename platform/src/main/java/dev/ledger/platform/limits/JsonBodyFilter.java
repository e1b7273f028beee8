package dev.ledger.platform.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) whose body is not JSON with 415 and problem+json,
 * before anything parses it: the ledger reads only JSON, and a form or multipart body would otherwise be parsed by
 * the container (request parameters, file parts) or by Spring's form filter for nothing. A request without a body
 * (freeze, close, the admin POSTs) needs no {@code Content-Type}, but one it names must be JSON too, so not even an
 * empty form post (what a browser can send cross-site) reaches a command.
 */
class JsonBodyFilter extends OncePerRequestFilter {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final LimitRejections rejections;
    private final ObjectMapper json;

    JsonBodyFilter(LimitRejections rejections, ObjectMapper json) {
        this.rejections = rejections;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // a bodiless request passes only if it claims no type either: a form post, even an empty one, never does
        return !STATE_CHANGING.contains(request.getMethod())
                || (!hasBody(request) && request.getHeader(HttpHeaders.CONTENT_TYPE) == null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MediaType type = mediaType(request.getContentType());
        if (type != null && isJson(type)) {
            chain.doFilter(request, response);
            return;
        }
        rejections.rejected(LimitRejections.Limit.MEDIA_TYPE);
        String got = type == null ? "no readable Content-Type" : type.getType() + "/" + type.getSubtype();
        LedgerProblems.write(response, json, LedgerProblems.problem(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "a request body must be application/json, not " + got));
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** {@code application/json} or a JSON-based type such as {@code application/merge-patch+json}. */
    private static boolean isJson(MediaType type) {
        return "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }
}
