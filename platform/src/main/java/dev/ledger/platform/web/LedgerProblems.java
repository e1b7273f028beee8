package dev.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds RFC 9457 problem responses whose {@code type} is stable per {@link ErrorCode}.
 */
public final class LedgerProblems {

    private LedgerProblems() {
    }

    public static ProblemDetail problem(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
        problem.setType(URI.create(code.typeUri()));
        problem.setTitle(title(code));
        problem.setProperty("code", code.name());
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ErrorCode code, String detail) {
        return ResponseEntity.status(code.httpStatus())
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem(code, detail));
    }

    /**
     * Writes a problem from a servlet filter, where no {@code @ExceptionHandler} runs: the filter refuses before
     * the request reaches a controller.
     */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The problem's {@code title}: the slug in words. */
    public static String title(ErrorCode code) {
        String words = code.slug().replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
