package dev.ledger.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A minimal HTTP client for the ledger's JSON API, as a client team would write one. */
final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final java.util.function.Supplier<String> authorization;

    /** A client sending the token of the test client that holds every role, unless a request names its own. */
    LedgerClient() {
        this(() -> IdentityProvider.shared().everyRole());
    }

    LedgerClient(java.util.function.Supplier<String> authorization) {
        this.authorization = authorization;
    }

    Answer post(URI uri, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                                                 .timeout(Duration.ofSeconds(30))
                                                 .header("Content-Type", "application/json")
                                                 .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        headers.forEach(request::header);
        authorize(request, headers);
        if (headers.keySet().stream().noneMatch("Idempotency-Key"::equalsIgnoreCase)) {
            request.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
        return send(request.build());
    }

    /** A POST exactly as given, without the client's habit of adding an idempotency key. */
    Answer postRaw(URI uri, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                                                 .timeout(Duration.ofSeconds(30))
                                                 .header("Content-Type", "application/json")
                                                 .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        headers.forEach(request::header);
        authorize(request, headers);
        return send(request.build());
    }

    Answer get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        authorize(request, headers);
        return send(request.build());
    }

    private void authorize(HttpRequest.Builder request, Map<String, String> headers) {
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            request.header("Authorization", authorization.get());
        }
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                              response.headers().map().entrySet().stream()
                                      .collect(java.util.stream.Collectors.toMap(
                                              e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                                              e -> e.getValue().get(0))),
                              body);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Status, content type, headers (lower-case names) and the JSON body. */
    record Answer(int status, String contentType, Map<String, String> headers, JsonNode body) {

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
