package dev.ledger.consumer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
