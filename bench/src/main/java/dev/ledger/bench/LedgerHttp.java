package dev.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The ledger's HTTP API as a well-behaved client uses it: JSON bodies, an {@code Idempotency-Key} on every POST, and
 * back-pressure honoured. A 429 or 503 waits its {@code Retry-After} and a 409 (same key still in flight) waits a
 * moment, then the same request goes again with the same key, so a retry can never move money twice.
 */
final class LedgerHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_ATTEMPTS = 20;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration IN_FLIGHT_PAUSE = Duration.ofMillis(50);

    // HTTP/1.1 on purpose: Tomcat speaks no h2c, and the upgrade attempt would only add a round of headers
    private final HttpClient http = HttpClient.newBuilder()
                                              .version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(5))
                                              .build();
    private final String bearerToken;

    LedgerHttp(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    /** The final answer to one logical request, and how many answers before it asked to come back later. */
    record Answer(int status, JsonNode body, int retries) {

        boolean accepted() {
            return status == 202;
        }

        String text(String field) {
            JsonNode value = body.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    Answer post(URI uri, Object body, String idempotencyKey, StatusCounts counts) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                                                 .timeout(Duration.ofSeconds(30))
                                                 .header("Content-Type", "application/json")
                                                 .header("Idempotency-Key", idempotencyKey)
                                                 .POST(HttpRequest.BodyPublishers.ofString(json));
        return sendWithRetries(authorized(request).build(), counts);
    }

    Answer get(URI uri, StatusCounts counts) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        return sendWithRetries(authorized(request).build(), counts);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (bearerToken != null && !bearerToken.isBlank()) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return request;
    }

    private Answer sendWithRetries(HttpRequest request, StatusCounts counts) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                counts.add(StatusCounts.NO_ANSWER);
                return new Answer(StatusCounts.NO_ANSWER, NullNode.getInstance(), attempt - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(StatusCounts.NO_ANSWER, NullNode.getInstance(), attempt - 1);
            }
            int status = response.statusCode();
            counts.add(status);
            Optional<Duration> pause = pauseBeforeRetry(status, response.headers().firstValue("Retry-After"),
                                                        response.body());
            if (pause.isEmpty() || attempt >= MAX_ATTEMPTS) {
                return new Answer(status, parse(response.body()), attempt - 1);
            }
            try {
                Thread.sleep(pause.get().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(status, parse(response.body()), attempt - 1);
            }
        }
    }

    /** How long to wait before the same request may go again, or empty when the answer is final. */
    static Optional<Duration> pauseBeforeRetry(int status, Optional<String> retryAfter, String body) {
        if (status == 429 || status == 503) {
            return Optional.of(retryAfter.flatMap(LedgerHttp::parseRetryAfter).orElse(DEFAULT_RETRY_AFTER));
        }
        if (status == 409 && body != null && body.contains("idempotency-key-in-use")) {
            // the first request with this key is still executing; other 409s (an id reused) are final
            return Optional.of(IN_FLIGHT_PAUSE);
        }
        return Optional.empty();
    }

    /** Retry-After is either delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
    static Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
