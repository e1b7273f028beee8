package dev.ledger.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;

/**
 * The RabbitMQ the tests run against: {@code 127.0.0.1:5672} with guest/guest, or {@code LEDGER_TEST_RABBITMQ}
 * ({@code host:port}, system property or environment). Tests that need it are skipped, not failed, when it does not
 * answer.
 */
public final class TestBroker {

    public static final String ADDRESS = System.getProperty("LEDGER_TEST_RABBITMQ",
                                                             System.getenv().getOrDefault("LEDGER_TEST_RABBITMQ",
                                                                                          "127.0.0.1:5672"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestBroker() {
    }

    /** A connection factory to the test broker, for the caller to destroy. */
    public static CachingConnectionFactory connectionFactory() {
        CachingConnectionFactory factory = new CachingConnectionFactory();
        factory.setAddresses(ADDRESS);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setConnectionTimeout(2_000);
        return factory;
    }

    /** Skips the calling test (or class, from {@code @BeforeAll}) when no broker answers. */
    public static void assumeReachable() {
        String failure = connectionFailure();
        assumeTrue(failure == null, () -> "RabbitMQ is not reachable at " + ADDRESS + " (guest/guest): " + failure
                                          + ". Start one (Debian: apt-get install rabbitmq-server && service "
                                          + "rabbitmq-server start; or docker run -p 5672:5672 rabbitmq:4.1) or "
                                          + "point LEDGER_TEST_RABBITMQ=host:port at one. Skipping.");
    }

    /** The management API of the test broker ({@code LEDGER_TEST_RABBITMQ_MANAGEMENT}, default port 15672). */
    public static final String MANAGEMENT = System.getProperty(
            "LEDGER_TEST_RABBITMQ_MANAGEMENT",
            System.getenv().getOrDefault("LEDGER_TEST_RABBITMQ_MANAGEMENT",
                                         "http://" + ADDRESS.replaceFirst(":\\d+$", "") + ":15672"));

    /** Skips the calling test when the broker's management API does not answer (it closes connections). */
    public static void assumeManagementReachable() {
        String failure;
        try {
            HttpResponse<String> answer = management("GET", "/api/overview");
            failure = answer.statusCode() == 200 ? null : "status " + answer.statusCode();
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
        String why = failure;
        assumeTrue(why == null, () -> "RabbitMQ's management API does not answer at " + MANAGEMENT + ": " + why
                                      + ". Enable it (rabbitmq-plugins enable rabbitmq_management) or point "
                                      + "LEDGER_TEST_RABBITMQ_MANAGEMENT at one. Skipping.");
    }

    /**
     * Closes, from the broker's side (as an operator or a failing node would), every client connection whose name
     * starts with {@code namePrefix}.
     *
     * @return how many were closed
     */
    public static int closeConnections(String namePrefix) throws IOException {
        HttpResponse<String> listed = management("GET", "/api/connections?columns=name,user_provided_name");
        int closed = 0;
        for (JsonNode connection : new ObjectMapper().readTree(listed.body())) {
            if (connection.path("user_provided_name").asText("").startsWith(namePrefix)) {
                String path = "/api/connections/" + URLEncoder.encode(connection.path("name").asText(),
                                                                      StandardCharsets.UTF_8).replace("+", "%20");
                if (management("DELETE", path).statusCode() / 100 == 2) {
                    closed++;
                }
            }
        }
        return closed;
    }

    private static HttpResponse<String> management(String method, String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(MANAGEMENT + path))
                                         .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                                 "guest:guest".getBytes(StandardCharsets.UTF_8)))
                                         .timeout(Duration.ofSeconds(5))
                                         .method(method, HttpRequest.BodyPublishers.noBody())
                                         .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + path, e);
        }
    }

    private static String connectionFailure() {
        CachingConnectionFactory factory = connectionFactory();
        try (Connection connection = factory.createConnection()) {
            return connection.isOpen() ? null : "the connection closed at once";
        } catch (RuntimeException e) {
            return e.getMessage();
        } finally {
            factory.destroy();
        }
    }
}
