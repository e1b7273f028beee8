package dev.ledger.query.access;

import static dev.ledger.query.support.Callers.anonymous;
import static dev.ledger.query.support.Callers.as;
import static dev.ledger.query.support.Callers.bearer;
import static dev.ledger.query.support.Callers.holder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.platform.security.LedgerRole;
import dev.ledger.query.support.QuerySideIntegrationTest;
import dev.ledger.testsupport.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Who gets in: no token and every kind of bad token is a 401 problem with {@code WWW-Authenticate: Bearer}; the
 * health status is public, its components and details are for operators; roles decide the rest (403).
 */
class BearerTokenIntegrationTest extends QuerySideIntegrationTest {

    private static final String PROBLEMS = "https://ledger.dev/problems/";
    /** Every bad token is tried on a read an auditor's good token may make. */
    private static final String READ = "/accounts";

    @Autowired
    private MockMvc http;
    @Autowired
    private ObjectMapper json;

    @Test
    void shouldAskAnonymousCallersForABearerToken() throws Exception {
        for (String path : List.of("/accounts", "/accounts/some-id", "/transfers", "/admin/processors",
                                   "/admin/dead-letters", "/admin/reconciliation", "/actuator/metrics")) {
            unauthenticated(http.perform(get(path).with(anonymous())));
        }
        unauthenticated(http.perform(post("/admin/processors/{name}/replay", "account-summary").with(anonymous())));
    }

    @Test
    void shouldShowAnonymousCallersTheHealthStatusOnlyAndOperatorsItsComponents() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            JsonNode health = body(http.perform(get(path).with(anonymous())).andExpect(status().isOk()));
            assertThat(health.has("status")).as(path).isTrue();
            assertThat(health.has("components")).as(path).isFalse();
            assertThat(health.has("details")).as(path).isFalse();
        }
        // a valid token is not enough: the details are the operators'
        JsonNode asAuditor = body(http.perform(get("/actuator/health").with(as("auditor", LedgerRole.AUDITOR)))
                                      .andExpect(status().isOk()));
        assertThat(asAuditor.has("components")).isFalse();

        JsonNode asOperator = body(http.perform(get("/actuator/health").with(as("operator", LedgerRole.OPERATOR)))
                                       .andExpect(status().isOk()));
        assertThat(asOperator.at("/components/projections/status").isTextual()).isTrue();
        assertThat(asOperator.at("/components/projections/details/processors").isObject()).isTrue();
        assertThat(asOperator.at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldKeepTheApiDescriptionPublic() throws Exception {
        http.perform(get("/v3/api-docs").with(anonymous()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.paths['/accounts/{accountId}']").exists());
    }

    @Test
    void shouldRefuseEveryForgedOrStaleToken() throws Exception {
        TestIssuer issuer = TestIssuer.shared();
        String subject = "attacker";
        List<String> scopes = List.of(LedgerRole.AUDITOR.scope());
        String[] scopeArray = scopes.toArray(String[]::new);
        Instant now = Instant.now();
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("expired beyond the clock skew", issuer.token(subject, scopes, claims -> claims
                .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(2))))));
        attacks.put("not valid yet", issuer.token(subject, scopes, claims -> claims
                .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(2))))));
        attacks.put("another issuer", issuer.token(subject, scopes, claims -> claims
                .issuer("https://issuer.attacker.example")));
        attacks.put("another audience", issuer.token(subject, scopes, claims -> claims.audience("another-api")));
        attacks.put("no expiry", issuer.token(subject, scopes, claims -> claims.expirationTime(null)));
        attacks.put("signed by a key the issuer never published", issuer.signedByStranger(subject, scopeArray));
        attacks.put("alg none", issuer.unsigned(subject, scopeArray));
        attacks.put("HS256 keyed with the issuer's public key", issuer.hmacWithPublicKey(subject, scopeArray));
        attacks.put("not a JWT", "not-a-jwt");

        // the same claims, signed properly, are let in: each refusal below is the attack's doing
        http.perform(get(READ).with(bearer(issuer.token(subject, scopeArray)))).andExpect(status().isOk());
        unauthenticated(http.perform(get(READ).with(anonymous())));
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            ResultActions refused = http.perform(get(READ).with(bearer(attack.getValue())));
            assertThat(refused.andReturn().getResponse().getStatus()).as(attack.getKey()).isEqualTo(401);
            unauthenticated(refused);
            refused.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                                              startsWith("Bearer error=\"invalid_token\"")));
        }
    }

    @Test
    void shouldRefuseAValidTokenWhoseRolesDoNotAllowTheCall() throws Exception {
        // a genuine token of the issuer that names no ledger role
        http.perform(get(READ).with(bearer(TestIssuer.shared().token("just-signed-in", "openid profile"))))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(PROBLEMS + "access-denied"));
        http.perform(get("/admin/processors").with(holder("holder-x")))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
            .andExpect(jsonPath("$.type").value(PROBLEMS + "access-denied"));
        http.perform(get("/actuator/metrics").with(as("auditor", LedgerRole.AUDITOR)))
            .andExpect(status().isForbidden());
        http.perform(get("/actuator/metrics").with(as("operator", LedgerRole.OPERATOR)))
            .andExpect(status().isOk());
    }

    /** Auditors may look at {@code /admin} but change nothing; operators may do both; holders neither. */
    @Test
    void shouldLetAuditorsLookAtAdminAndOnlyOperatorsActThere() throws Exception {
        http.perform(get("/admin/processors").with(as("auditor", LedgerRole.AUDITOR)))
            .andExpect(status().isOk());
        http.perform(post("/admin/processors/{name}/replay", "account-summary")
                             .with(as("auditor", LedgerRole.AUDITOR)))
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.type").value(PROBLEMS + "access-denied"));
        http.perform(get("/admin/processors").with(as("compliance", LedgerRole.COMPLIANCE)))
            .andExpect(status().isForbidden());
        // past the rules (a replay of a processor that does not exist changes nothing): the service's own answer
        http.perform(post("/admin/processors/{name}/replay", "no-such-processor")
                             .with(as("operator", LedgerRole.OPERATOR)))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value(PROBLEMS + "processor-not-found"));
        http.perform(post("/admin/processors/{name}/replay", "no-such-processor").with(holder("holder-x")))
            .andExpect(status().isForbidden());
    }

    private void unauthenticated(ResultActions result) throws Exception {
        result.andExpect(status().isUnauthorized())
              .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
              .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
              .andExpect(jsonPath("$.type").value(PROBLEMS + "unauthenticated"))
              .andExpect(jsonPath("$.status").value(401));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
