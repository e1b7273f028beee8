package dev.ledger.platform.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than {@code ledger.limits.max-body-bytes} with 413 and problem+json: at once when its
 * {@code Content-Length} says so, otherwise (chunked) as soon as reading it passes the limit, wherever it is read.
 * A controller's JSON reader turns the failure into the same 413 (see {@code CommonProblemHandler}); a filter that
 * reads the body itself lets it through to here.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final LimitRejections rejections;
    private final ObjectMapper json;

    RequestBodyLimitFilter(long maxBodyBytes, LimitRejections rejections, ObjectMapper json) {
        this.maxBodyBytes = maxBodyBytes;
        this.rejections = rejections;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            refuse(response);
            return;
        }
        if (declared >= 0) {
            // the container never hands out more than the declared length
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(new LimitedBodyRequest(request, maxBodyBytes), response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (BodyTooLargeException.in(e) == null || response.isCommitted()) {
                throw e;
            }
            // keeps the headers already set (the correlation id), drops whatever body was begun
            response.resetBuffer();
            refuse(response);
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        rejections.rejected(LimitRejections.Limit.BODY);
        LedgerProblems.write(response, json, LedgerProblems.problem(
                ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBodyBytes + " bytes"));
    }
}
