package dev.ledger.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TestDatabase.Mode#LOCAL}: an already running server - the one named by env
 * {@value TestDatabase#ADMIN_URL_ENV} (credentials in {@code LEDGER_TEST_DB_ADMIN_USER} /
 * {@code LEDGER_TEST_DB_ADMIN_PASSWORD}, default {@code postgres} / empty), or else one answering at
 * {@code 127.0.0.1:5432} as user {@code postgres}. Cheap and fast on developer machines and CI runners without
 * Docker; isolation comes from the per-run database. A server named by the env var is required: if it does not
 * answer, that is an error rather than a reason to try the next source.
 */
final class LocalServer implements ServerSource {

    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
    private static final String DEFAULT_LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @Override
    public Optional<DatabaseServer> obtain(boolean required) {
        String configuredUrl = System.getenv(TestDatabase.ADMIN_URL_ENV);
        String adminUrl = configuredUrl != null ? configuredUrl : DEFAULT_LOCAL_ADMIN_URL;
        String user = envOrDefault("LEDGER_TEST_DB_ADMIN_USER", DatabaseServer.DEFAULT_ADMIN_USER);
        String password = envOrDefault("LEDGER_TEST_DB_ADMIN_PASSWORD", "");
        try (Connection ignored = DatabaseServer.openAdmin(adminUrl, user, password)) {
            LOG.info("Test database mode LOCAL: existing PostgreSQL at {} ({})", adminUrl,
                    configuredUrl != null ? "from " + TestDatabase.ADMIN_URL_ENV : "default address");
            return Optional.of(new DatabaseServer(TestDatabase.Mode.LOCAL, adminUrl, user, password, () -> { }));
        } catch (SQLException e) {
            if (required || configuredUrl != null) {
                throw new IllegalStateException("Cannot connect to PostgreSQL at " + adminUrl + " as " + user, e);
            }
            LOG.debug("No PostgreSQL at {}: {}", adminUrl, e.getMessage());
            return Optional.empty();
        }
    }

    private static String envOrDefault(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }
}
