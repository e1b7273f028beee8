package dev.ledger.query.access;

import static dev.ledger.platform.security.LedgerRole.AUDITOR;
import static dev.ledger.platform.security.LedgerRole.COMPLIANCE;
import static dev.ledger.platform.security.LedgerRole.HOLDER;
import static dev.ledger.platform.security.LedgerRole.OPERATOR;
import static dev.ledger.platform.security.LedgerRole.TREASURY;
import static dev.ledger.query.support.Callers.anonymous;
import static dev.ledger.query.support.Callers.as;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.ledger.platform.security.LedgerRole;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint Spring MVC maps in the query side, asked by every role and by nobody: allowed (anything but 401
 * and 403) exactly where {@link #ALLOWED} says, 403 elsewhere, 401 without a token except on the public ones. The
 * endpoints are read from the application's own handler mapping, so an endpoint added without deciding who may
 * call it fails here (and is denied by the platform meanwhile).
 * <p>
 * Requests are harmless: path variables name nothing that exists and a state-changing call is refused by the
 * service itself once past the rules (an unknown processor, an invalid currency).
 */
class AccessMatrixIntegrationTest extends QuerySideIntegrationTest {

    private static final Set<LedgerRole> READERS = EnumSet.of(HOLDER, COMPLIANCE, AUDITOR);
    private static final Set<LedgerRole> LOOKERS = EnumSet.of(OPERATOR, AUDITOR);
    private static final Set<LedgerRole> OPERATORS = EnumSet.of(OPERATOR);
    private static final Set<LedgerRole> NOBODY = EnumSet.noneOf(LedgerRole.class);

    /** Who may call each endpoint, keyed {@code METHOD pattern} as mapped ({@code ANY}: no method condition). */
    private static final Map<String, Set<LedgerRole>> ALLOWED = Map.ofEntries(
            entry("GET /accounts", READERS),
            entry("GET /accounts/{accountId}", READERS),
            entry("GET /accounts/{accountId}/entries", READERS),
            entry("GET /accounts/{accountId}/balance", READERS),
            entry("GET /transfers", READERS),
            entry("GET /transfers/{transferId}", READERS),
            // treasury captures authorizations, so it reads them too
            entry("GET /authorizations/{authorizationId}", EnumSet.of(HOLDER, COMPLIANCE, AUDITOR, TREASURY)),
            entry("GET /accounts/{accountId}/authorizations", EnumSet.of(HOLDER, COMPLIANCE, AUDITOR, TREASURY)),
            entry("GET /admin/processors", LOOKERS),
            entry("GET /admin/processors/{name}", LOOKERS),
            entry("POST /admin/processors/{name}/replay", OPERATORS),
            entry("GET /admin/dead-letters", LOOKERS),
            entry("POST /admin/dead-letters/{group}/retry", OPERATORS),
            entry("POST /admin/dead-letters/{group}/evict", OPERATORS),
            entry("GET /admin/reconciliation", LOOKERS),
            entry("GET /admin/reconciliation/{runId}", LOOKERS),
            entry("POST /admin/reconciliation", OPERATORS),
            // Spring Boot's error page is for the container's error dispatch, never a request of its own
            entry("ANY /error", NOBODY));

    /** Open to anybody, token or not: the API description. */
    private static final Set<String> PUBLIC = Set.of(
            "GET /v3/api-docs",
            "GET /v3/api-docs.yaml",
            "GET /v3/api-docs/swagger-config",
            "GET /swagger-ui.html");

    private static final Map<String, String> VARIABLES = Map.of(
            "accountId", "matrix-no-such-account",
            "transferId", "matrix-no-such-transfer",
            "authorizationId", "matrix-no-such-authorization",
            "name", "no-such-processor",
            "group", "no-such-group",
            "runId", "no-such-run");

    /** So that an allowed call changes nothing: the service refuses it after the rules let it through. */
    private static final Map<String, String> QUERIES = Map.of(
            "POST /admin/reconciliation", "currency=not-a-currency");

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    @Autowired
    private MockMvc http;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void shouldDecideWhoMayCallEveryMappedEndpoint() {
        Set<String> expected = new TreeSet<>(ALLOWED.keySet());
        expected.addAll(PUBLIC);
        assertThat(mappedEndpoints()).as("every mapped endpoint has a row in the table, every row an endpoint")
                                     .containsExactlyElementsOf(expected);
    }

    @Test
    void shouldAnswerEachRoleAsTheTableSays() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (String endpoint : mappedEndpoints()) {
            boolean isPublic = PUBLIC.contains(endpoint);
            int anonymous = status(endpoint, anonymous());
            if (isPublic) {
                softly.assertThat(anonymous).as("%s without a token", endpoint).isNotIn(401, 403);
            } else {
                softly.assertThat(anonymous).as("%s without a token", endpoint).isEqualTo(401);
            }
            for (LedgerRole role : LedgerRole.values()) {
                int answer = status(endpoint, as("matrix-" + role.name().toLowerCase(), role));
                if (isPublic || ALLOWED.getOrDefault(endpoint, NOBODY).contains(role)) {
                    softly.assertThat(answer).as("%s as %s", endpoint, role).isNotIn(401, 403);
                } else {
                    softly.assertThat(answer).as("%s as %s", endpoint, role).isEqualTo(403);
                }
            }
        }
        softly.assertAll();
    }

    private Set<String> mappedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add("ANY " + pattern);
                }
                methods.forEach(method -> endpoints.add(method.name() + " " + pattern));
            }
        });
        return endpoints;
    }

    private int status(String endpoint, RequestPostProcessor caller) throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String uri = expand(endpoint.substring(endpoint.indexOf(' ') + 1));
        String query = QUERIES.get(endpoint);
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf("ANY".equals(method) ? "GET" : method),
                                                        query == null ? uri : uri + "?" + query);
        return http.perform(request.with(caller)).andReturn().getResponse().getStatus();
    }

    private static String expand(String pattern) {
        Matcher variable = VARIABLE.matcher(pattern);
        StringBuilder uri = new StringBuilder();
        while (variable.find()) {
            String value = VARIABLES.get(variable.group(1));
            assertThat(value).as("a harmless value for {%s} in %s", variable.group(1), pattern).isNotNull();
            variable.appendReplacement(uri, value);
        }
        variable.appendTail(uri);
        return uri.toString();
    }
}
