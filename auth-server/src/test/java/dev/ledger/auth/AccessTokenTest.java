package dev.ledger.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The token endpoint as the ledger's clients and services use it: the demo clients of {@code application.yml}, plus
 * one added the way the benchmark adds its own (a client with two scopes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // not the server's own address: the issuer must not depend on the request's Host
        "ledger.auth-server.issuer=http://issuer.test:9000",
        "ledger.auth-server.clients.ledger-bench.secret=bench-secret",
        "ledger.auth-server.clients.ledger-bench.scopes=ledger.holder,ledger.treasury"})
class AccessTokenTest {

    private static final String ISSUER = "http://issuer.test:9000";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void keyFile(DynamicPropertyRegistry registry) {
        registry.add("ledger.auth-server.key-file", () -> dataDir.resolve("auth-server/signing-key.jwk").toString());
    }

    @LocalServerPort
    int port;

    AuthServerClient authServer;

    @BeforeEach
    void connect() {
        authServer = new AuthServerClient(port);
    }

    @Test
    void shouldIssueTokenSignedWithTheServedKeyToClientAuthenticatedByBasic() throws ParseException {
        HttpResponse<String> response = authServer.tokenByBasic("ledger-holder", "holder-secret", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = AuthServerClient.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(890L, 900L);
        SignedJWT jwt = authServer.verifiedAccessToken(response);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly("ledger-api");
        assertThat(claims.getSubject()).isEqualTo("ledger-holder");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("ledger-holder");
        assertThat(claims.getClaim("scope")).isEqualTo("ledger.holder");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void shouldAuthenticateClientBySecretInTheRequestBody() throws ParseException {
        HttpResponse<String> response = authServer.tokenByPost("ledger-compliance-2", "compliance-2-secret",
                                                               Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = authServer.verifiedAccessToken(response).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("ledger-compliance-2");
        assertThat(claims.getClaim("scope")).isEqualTo("ledger.compliance");
    }

    @Test
    void shouldGrantEveryRegisteredScopeAsOneSpaceSeparatedStringWhenNoneIsRequested() throws ParseException {
        HttpResponse<String> response = authServer.tokenByBasic("ledger-bench", "bench-secret", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AuthServerClient.json(response).get("scope").asText().split(" "))
                .containsExactlyInAnyOrder("ledger.holder", "ledger.treasury");
        assertThat(authServer.verifiedAccessToken(response).getJWTClaimsSet().getClaim("scope"))
                .isEqualTo("ledger.holder ledger.treasury");
    }

    @Test
    void shouldGrantOnlyTheScopeRequested() throws ParseException {
        HttpResponse<String> response = authServer.tokenByBasic("ledger-bench", "bench-secret",
                                                                Map.of("scope", "ledger.treasury"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(authServer.verifiedAccessToken(response).getJWTClaimsSet().getClaim("scope"))
                .isEqualTo("ledger.treasury");
    }

    @Test
    void shouldRefuseScopeTheClientIsNotRegisteredFor() {
        HttpResponse<String> response = authServer.tokenByBasic("ledger-holder", "holder-secret",
                                                                Map.of("scope", "ledger.treasury"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthServerClient.json(response).get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void shouldRefuseWrongSecretWith401() {
        HttpResponse<String> response = authServer.tokenByBasic("ledger-holder", "treasury-secret", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AuthServerClient.json(response).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void shouldRefuseUnknownClientWith401() {
        HttpResponse<String> response = authServer.tokenByPost("ledger-nobody", "holder-secret", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AuthServerClient.json(response).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void shouldPublishTheIssuerAndOnlyPublicKeysForDiscovery() {
        JsonNode discovery = AuthServerClient.json(authServer.get("/.well-known/openid-configuration"));

        assertThat(discovery.get("issuer").asText()).isEqualTo(ISSUER);
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(authServer.keys().getKeys()).singleElement()
                .satisfies(key -> assertThat(key.isPrivate()).isFalse());
        assertThat(authServer.get("/oauth2/jwks").body()).doesNotContain("\"d\"");
    }

    @Test
    void shouldAnswerHealthToAnyoneAndNothingElse() {
        assertThat(authServer.get("/actuator/health").statusCode()).isEqualTo(200);
        for (String path : List.of("/", "/actuator/env", "/actuator/beans", "/login")) {
            assertThat(authServer.get(path).statusCode()).as(path).isEqualTo(403);
        }
    }

    /** Found by a security review: SAS redirected an authorize error to any unregistered redirect_uri. */
    @Test
    void shouldNotServeBrowserEndpointsNorRedirectAnywhere() {
        for (String path : List.of("/oauth2/authorize?response_type=code&client_id=ledger-holder&redirect_uri=http://evil",
                                   "/oauth2/device_authorization", "/userinfo", "/connect/register")) {
            var response = authServer.get(path);
            assertThat(response.statusCode()).as(path).isIn(401, 403);
            assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
        }
    }

    @Test
    void shouldKeepRefusingAWrongSecretAfterTheRightOneWasUsed() {
        assertThat(authServer.tokenByBasic("ledger-holder", "holder-secret", new java.util.HashMap<>()).statusCode())
                .isEqualTo(200);
        assertThat(authServer.tokenByBasic("ledger-holder", "holder-secreT", new java.util.HashMap<>()).statusCode())
                .isEqualTo(401);
        assertThat(authServer.tokenByBasic("ledger-holder", "holder-secret", new java.util.HashMap<>()).statusCode())
                .isEqualTo(200);
    }
}
