package dev.ledger.platform.apidocs;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns problem codes into an operation's error responses: one response per status, {@code application/problem+json}
 * with the {@code Problem} schema, a description listing each code and why it is answered, and one named example
 * per code, so a generated client and a reader both know every refusal and its {@code code}.
 */
final class ProblemResponses {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    static final String RETRY_AFTER_HEADER = "#/components/headers/RetryAfter";
    static final String WWW_AUTHENTICATE_HEADER = "#/components/headers/WwwAuthenticate";

    private ProblemResponses() {
    }

    /**
     * Refusals most operations share, each the only code of its status there, are described once under
     * {@code components/responses} and referred to; a status with codes of the operation's own is described in place.
     */
    static final Set<ErrorCode> SHARED = EnumSet.of(ErrorCode.UNAUTHENTICATED, ErrorCode.ACCESS_DENIED,
                                                    ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                                                    ErrorCode.RATE_LIMITED, ErrorCode.SERVICE_UNAVAILABLE);

    static void add(Operation operation, String path, Collection<ErrorCode> codes) {
        Map<Integer, List<ErrorCode>> byStatus =
                codes.stream().collect(Collectors.groupingBy(ErrorCode::httpStatus, TreeMap::new, Collectors.toList()));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        byStatus.forEach((status, ofStatus) -> operation.getResponses().addApiResponse(
                Integer.toString(status), ofStatus.size() == 1 && SHARED.contains(ofStatus.get(0))
                                          ? new ApiResponse().$ref(componentName(ofStatus.get(0)))
                                          : response(status, path, ofStatus)));
    }

    /** The shared responses, to put under {@code components/responses}, by name. */
    static Map<String, ApiResponse> sharedResponses() {
        Map<String, ApiResponse> shared = new TreeMap<>();
        SHARED.forEach(code -> shared.put(componentName(code), response(code.httpStatus(), null, List.of(code))));
        return shared;
    }

    /** {@code UNAUTHENTICATED} becomes {@code Unauthenticated}, {@code RATE_LIMITED} {@code RateLimited}. */
    private static String componentName(ErrorCode code) {
        StringBuilder name = new StringBuilder();
        for (String word : code.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }

    private static ApiResponse response(int status, String path, List<ErrorCode> codes) {
        MediaType problem = new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA));
        Map<String, Example> examples = new LinkedHashMap<>();
        codes.forEach(code -> examples.put(code.slug(), example(code, path)));
        problem.setExamples(examples);
        ApiResponse response = new ApiResponse().description(description(codes))
                                                .content(new Content().addMediaType(PROBLEM_JSON, problem));
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header().$ref(RETRY_AFTER_HEADER));
        }
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header().$ref(WWW_AUTHENTICATE_HEADER));
        }
        return response;
    }

    private static String description(List<ErrorCode> codes) {
        if (codes.size() == 1) {
            return "`" + codes.get(0).name() + "`: " + codes.get(0).description();
        }
        return "Refused; `code` says why:\n\n" + codes.stream()
                                                    .map(code -> "- `" + code.name() + "`: " + code.description())
                                                    .collect(Collectors.joining("\n"));
    }

    private static Example example(ErrorCode code, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", code.typeUri());
        body.put("title", LedgerProblems.title(code));
        body.put("status", code.httpStatus());
        body.put("detail", code.description());
        if (path != null) {
            body.put("instance", path);
        }
        body.put("code", code.name());
        return new Example().summary(code.name()).value(body);
    }
}
