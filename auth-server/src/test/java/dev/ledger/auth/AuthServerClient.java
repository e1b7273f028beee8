package dev.ledger.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Talks to a running auth server over HTTP, as a client and a resource server would. */
final class AuthServerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    AuthServerClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** A token request authenticated with HTTP Basic ({@code client_secret_basic}). */
    HttpResponse<String> tokenByBasic(String clientId, String secret, Map<String, String> parameters) {
        String credentials = Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return post("/oauth2/token", withGrant(parameters), "Basic " + credentials);
    }

    /** A token request with the credentials in the form body ({@code client_secret_post}). */
    HttpResponse<String> tokenByPost(String clientId, String secret, Map<String, String> parameters) {
        Map<String, String> form = withGrant(parameters);
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return post("/oauth2/token", form, null);
    }

    /** The access token of a successful token request, verified against the served key set. */
    SignedJWT verifiedAccessToken(HttpResponse<String> tokenResponse) {
        return verified(json(tokenResponse).get("access_token").asText(), keys());
    }

    static SignedJWT verified(String token, JWKSet keys) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                throw new AssertionError("no served key has kid " + jwt.getHeader().getKeyID());
            }
            if (!jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
                throw new AssertionError("signature does not verify with key " + key.getKeyID());
            }
            return jwt;
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a verifiable JWT: " + token, e);
        }
    }

    JWKSet keys() {
        try {
            return JWKSet.parse(get("/oauth2/jwks").body());
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> withGrant(Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.putAll(parameters);
        return form;
    }

    private HttpResponse<String> post(String path, Map<String, String> form, String authorization) {
        String body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
