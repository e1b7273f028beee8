package dev.ledger.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's own authorization server ({@code auth-server.jar}) as a real process, one per test run, started at
 * first use: the services under test validate tokens it issued, exactly as in {@code ./run.sh}. Besides the demo
 * clients of the README it knows {@value #SYSTEM_TEST_CLIENT}, which holds every role, for tests about something
 * else than access.
 */
final class IdentityProvider {

    static final String SYSTEM_TEST_CLIENT = "ledger-system-test";
    private static final String SYSTEM_TEST_SECRET = "system-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static IdentityProvider shared;

    private final ServiceProcess process;
    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private IdentityProvider(ServiceProcess process, String issuer) {
        this.process = process;
        this.issuer = issuer;
    }

    static synchronized IdentityProvider shared() {
        if (shared == null) {
            try {
                int port = ServiceProcess.freePort();
                String issuer = "http://localhost:" + port;
                Path data = Files.createTempDirectory("ledger-auth-");
                String clients = "{\"ledger\":{\"auth-server\":{\"clients\":{\"" + SYSTEM_TEST_CLIENT
                        + "\":{\"secret\":\"" + SYSTEM_TEST_SECRET + "\",\"scopes\":[\"ledger.holder\","
                        + "\"ledger.treasury\",\"ledger.compliance\",\"ledger.operator\",\"ledger.auditor\"]}}}}}";
                ServiceProcess process = ServiceProcess.start("auth-server", "ledger.auth.jar",
                        Map.of("LEDGER_DATA_DIR", data.toString(), "LEDGER_AUTH_ISSUER_URI", issuer,
                               "SPRING_APPLICATION_JSON", clients), port);
                shared = new IdentityProvider(process, issuer);
                Runtime.getRuntime().addShutdownHook(new Thread(process::close, "auth-server-stop"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the authorization server", e);
            }
        }
        return shared;
    }

    /** What a service needs to trust this issuer. */
    Map<String, String> serviceEnv() {
        return Map.of("LEDGER_AUTH_ISSUER_URI", issuer);
    }

    String issuer() {
        return issuer;
    }

    int port() {
        return process.port();
    }

    /** {@code Bearer <token>} of the client holding every role. */
    String everyRole() {
        return bearer(SYSTEM_TEST_CLIENT, SYSTEM_TEST_SECRET);
    }

    /** A client-credentials token, fetched once and reused until a minute before it expires. */
    String bearer(String clientId, String secret) {
        Token token = tokens.compute(clientId, (id, cached) ->
                cached != null && cached.expiresAt().isAfter(Instant.now().plusSeconds(60)) ? cached
                                                                                              : fetch(id, secret));
        return "Bearer " + token.value();
    }

    private Token fetch(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                                         .timeout(Duration.ofSeconds(10))
                                         .header("Authorization", "Basic " + basic)
                                         .header("Content-Type", "application/x-www-form-urlencoded")
                                         .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                         .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token for " + clientId + ": " + response.statusCode() + " "
                                                + response.body());
            }
            var body = JSON.readTree(response.body());
            return new Token(body.get("access_token").asText(),
                             Instant.now().plusSeconds(body.get("expires_in").asLong()));
        } catch (IOException e) {
            throw new IllegalStateException("token for " + clientId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Token(String value, Instant expiresAt) {
    }
}
