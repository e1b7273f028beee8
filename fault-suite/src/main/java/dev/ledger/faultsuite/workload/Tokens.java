package dev.ledger.faultsuite.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.faultsuite.process.LedgerProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client-credentials tokens from the authorization server, fetched once per caller and kept until shortly before
 * they expire. The server issues them for 12 h in this run, so a fault that kills it does not stop the clients;
 * its key survives its restart, so the tokens stay valid.
 */
public final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EARLY = Duration.ofMinutes(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String issuer;
    private final Map<Caller, Token> tokens = new EnumMap<>(Caller.class);

    public Tokens(String issuer) {
        this.issuer = issuer;
    }

    /** Fetches every caller's token now, while the authorization server is known to be up. */
    public void fetchAll() {
        for (Caller caller : Caller.values()) {
            bearer(caller);
        }
    }

    /** The {@code Authorization} header value for this caller. */
    public synchronized String bearer(Caller caller) {
        Token token = tokens.get(caller);
        if (token == null || token.expiresAt().isBefore(Instant.now().plus(EARLY))) {
            token = caller == Caller.SUITE ? fetch(LedgerProcesses.SUITE_CLIENT, LedgerProcesses.SUITE_SECRET)
                                           : fetch(LedgerProcesses.COMPLIANCE_CLIENT,
                                                   LedgerProcesses.COMPLIANCE_SECRET);
            tokens.put(caller, token);
        }
        return "Bearer " + token.value();
    }

    private Token fetch(String client, String secret) {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                                         .timeout(Duration.ofSeconds(10))
                                         .header("Authorization", "Basic " + basic)
                                         .header("Content-Type", "application/x-www-form-urlencoded")
                                         .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                         .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token for " + client + ": " + response.statusCode() + " "
                                                + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return new Token(body.get("access_token").asText(),
                             Instant.now().plusSeconds(body.get("expires_in").asLong()));
        } catch (IOException e) {
            throw new IllegalStateException("token for " + client, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Token(String value, Instant expiresAt) {
    }
}
