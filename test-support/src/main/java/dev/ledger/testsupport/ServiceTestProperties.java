package dev.ledger.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every Spring integration test of a service sets the same way: its private database, and the JVM's
 * {@link TestIssuer} as the issuer whose tokens the service accepts. {@link OwnDatabase} sets them for a test class
 * on a database of its own.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {
    }

    /** The database and the issuer, by property name. */
    public static Map<String, Object> of(TestDatabase.Fresh database) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password() == null ? "" : database.password());
        properties.put("ledger.auth.issuer-uri", TestIssuer.shared().issuer());
        return properties;
    }

    /** Points the service at the test issuer, for tests that need no database of their own. */
    public static void trustTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("ledger.auth.issuer-uri", () -> TestIssuer.shared().issuer());
    }
}
