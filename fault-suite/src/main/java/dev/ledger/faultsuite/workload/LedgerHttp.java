package dev.ledger.faultsuite.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ledger.faultsuite.process.Endpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends one attempt of an operation. Every attempt carries the operation's id as {@code Idempotency-Key} and
 * {@code X-Correlation-Id}, and the same body, so any number of attempts may reach the ledger and at most one may
 * take effect. A request that outlives the client timeout is abandoned, not cancelled: the ledger may still
 * commit it, which is exactly the unknown outcome the checker must bound.
 */
public final class LedgerHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1: Tomcat speaks no h2c, and the upgrade attempt would only add a round of headers
    private final HttpClient http = HttpClient.newBuilder()
                                              .version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(2))
                                              .build();
    private final Tokens tokens;
    private final Duration timeout;

    public LedgerHttp(Tokens tokens, Duration timeout) {
        this.tokens = tokens;
        this.timeout = timeout;
    }

    public Answer send(Endpoint node, Operation operation) {
        String authorization;
        try {
            authorization = tokens.bearer(operation.caller());
        } catch (IllegalStateException noToken) {
            // the authorization server is down and the token is due: nothing was sent, try again later
            return new Answer(Answer.NO_ANSWER, MissingNode.getInstance(), "no token: " + noToken.getMessage(), 0);
        }
        HttpRequest request = HttpRequest.newBuilder(node.resolve(operation.path()))
                                         .timeout(timeout)
                                         .header("Content-Type", "application/json")
                                         .header("Idempotency-Key", operation.id())
                                         .header("X-Correlation-Id", operation.id())
                                         .header("Authorization", authorization)
                                         .POST(HttpRequest.BodyPublishers.ofString(operation.body()))
                                         .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long retryAfter = response.headers().firstValue("Retry-After").map(LedgerHttp::seconds).orElse(0L);
            return new Answer(response.statusCode(), parse(response.body()), null, retryAfter);
        } catch (IOException e) {
            return new Answer(Answer.NO_ANSWER, MissingNode.getInstance(), e.getClass().getSimpleName(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Answer.NO_ANSWER, MissingNode.getInstance(), "interrupted", 0);
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException notSeconds) {
            return 1;
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
