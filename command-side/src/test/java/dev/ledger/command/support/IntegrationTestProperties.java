package dev.ledger.command.support;

import dev.ledger.testsupport.ServiceTestProperties;
import dev.ledger.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The set-up most of this module's integration tests share; call from a test class's
 * {@code @DynamicPropertySource}, then add what the test sets of its own.
 */
public final class IntegrationTestProperties {

    private IntegrationTestProperties() {
    }

    /**
     * The test's database, the test issuer, and backpressure off, so that no answer depends on how far behind the
     * pipelines happen to be at that moment ({@code BackpressureIntegrationTest} is about that, and keeps it on).
     */
    public static void register(DynamicPropertyRegistry registry, TestDatabase.Fresh database) {
        ServiceTestProperties.register(registry, database);
        registry.add("ledger.backpressure.enabled", () -> false);
    }
}
