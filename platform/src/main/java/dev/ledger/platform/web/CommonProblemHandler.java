package dev.ledger.platform.web;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.limits.BodyTooLargeException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns everything a client can get wrong into {@code application/problem+json} with a 4xx status and a stable
 * {@code type}. Runs after each service's own, more specific handlers. An unexpected exception becomes a 500
 * that reveals nothing internal; any such 500 for client input is a bug to fix.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class CommonProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CommonProblemHandler.class);

    @ExceptionHandler(LedgerRequestException.class)
    ResponseEntity<ProblemDetail> onLedgerRequest(LedgerRequestException e) {
        return LedgerProblems.response(e.code(), e.getMessage());
    }

    /** A chunked body read past the limit by code that reads the stream itself (see the limits' body filter). */
    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> onBodyTooLarge(BodyTooLargeException e) {
        return LedgerProblems.response(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> onTypeMismatch(MethodArgumentTypeMismatchException e) {
        return LedgerProblems.response(ErrorCode.VALIDATION_FAILED, "parameter '" + e.getName() + "' is malformed");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
        log.error("unhandled exception", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(500),
                                                                 "internal error; the correlation id identifies it in the logs");
        problem.setType(URI.create("https://ledger.dev/problems/internal-error"));
        problem.setTitle("Internal error");
        return ResponseEntity.status(500).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        BodyTooLargeException tooLarge = BodyTooLargeException.in(ex);
        if (tooLarge != null) {
            // a chunked body that went past the limit while Jackson read it: too large, not malformed
            return ResponseEntity.status(ErrorCode.PAYLOAD_TOO_LARGE.httpStatus())
                                 .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                                 .body(LedgerProblems.problem(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
        }
        // Jackson's message names the offending field or token; it never contains server internals beyond that.
        String detail = describe(ex);
        return ResponseEntity.badRequest()
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(LedgerProblems.problem(ErrorCode.MALFORMED_REQUEST, detail));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                                             .map(f -> Map.of("field", f.getField(),
                                                              "message", String.valueOf(f.getDefaultMessage())))
                                             .toList();
        ProblemDetail problem = LedgerProblems.problem(ErrorCode.VALIDATION_FAILED, "the request has invalid fields");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest()
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(@NonNull HandlerMethodValidationException ex,
                                                                            @NonNull HttpHeaders headers,
                                                                            @NonNull HttpStatusCode status,
                                                                            @NonNull WebRequest request) {
        return ResponseEntity.badRequest()
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(LedgerProblems.problem(ErrorCode.VALIDATION_FAILED, "the request has invalid parameters"));
    }

    /** The same answer as the limits' JSON-only filter, for a JSON type an endpoint does not take. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(@NonNull HttpMediaTypeNotSupportedException ex,
                                                                     @NonNull HttpHeaders headers,
                                                                     @NonNull HttpStatusCode status,
                                                                     @NonNull WebRequest request) {
        return ResponseEntity.status(ErrorCode.UNSUPPORTED_MEDIA_TYPE.httpStatus())
                             .headers(headers)
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(LedgerProblems.problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                                                          "this endpoint takes application/json"));
    }

    /** Gives Spring's own 4xx problems (405, 404 for unknown paths...) a stable type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception ex, Object body,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode statusCode,
                                                             @NonNull WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && URI.create("about:blank").equals(problem.getType())) {
            problem.setType(URI.create("https://ledger.dev/problems/http-" + statusCode.value()));
        }
        return response;
    }

    private static String describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException format) {
            return "field '" + path(format) + "' has an invalid value";
        }
        if (cause instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
            return "a number is out of range";
        }
        if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch) {
            return "field '" + path(mismatch) + "' has the wrong type";
        }
        if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return "the body is not valid JSON";
        }
        return "the body is missing or unreadable";
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("(body)");
    }
}
