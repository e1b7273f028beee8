package dev.ledger.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every Spring integration test of a service sets the same way: its private database, and the JVM's
 * {@link TestIssuer} as the issuer whose tokens the service accepts. Call from a test class's
 * {@code @DynamicPropertySource}, then add what the test sets of its own.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {
    }

    /** The database and the issuer. */
    public static void register(DynamicPropertyRegistry registry, TestDatabase.Fresh database) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", () -> database.password() == null ? "" : database.password());
        trustTestIssuer(registry);
    }

    /** Points the service at the test issuer, for tests that need no database of their own. */
    public static void trustTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("ledger.auth.issuer-uri", () -> TestIssuer.shared().issuer());
    }
}
