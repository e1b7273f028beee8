package dev.ledger.faultsuite.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ledger.faultsuite.process.Endpoint;
import dev.ledger.faultsuite.workload.Caller;
import dev.ledger.faultsuite.workload.Tokens;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The query side's {@code /admin} endpoints with the operator's token (README, Operations). Failures come back as a
 * response with status 0, never as an exception: the callers poll through faults.
 */
public final class LedgerAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
                                              .version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(2))
                                              .build();
    private final Endpoint query;
    private final Tokens tokens;

    public LedgerAdmin(Endpoint query, Tokens tokens) {
        this.query = query;
        this.tokens = tokens;
    }

    /** A status and its JSON body. */
    public record Reply(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Every processor with its lag, replay state and dead letters. */
    public Reply processors() {
        return send(request("/admin/processors").GET());
    }

    /** A rebuild of one read model (its tables emptied, its tokens back to the start). */
    public Reply replay(String processor) {
        return send(request("/admin/processors/" + processor + "/replay").POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply deadLetters() {
        return send(request("/admin/dead-letters?limit=20").GET());
    }

    public Reply startReconciliation() {
        return send(request("/admin/reconciliation").POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply reconciliation(String runId) {
        return send(request("/admin/reconciliation/" + runId).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(query.resolve(path))
                          .timeout(Duration.ofSeconds(30))
                          .header("Authorization", tokens.bearer(Caller.SUITE));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            return new Reply(0, JSON.getNodeFactory().textNode(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, MissingNode.getInstance());
        }
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
