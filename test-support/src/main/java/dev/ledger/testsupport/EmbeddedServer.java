package dev.ledger.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.ledger.launcher.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TestDatabase.Mode#EMBEDDED}: zonky's embedded PostgreSQL binaries started from a temporary directory. Needs
 * nothing but a JDK, so tests run anywhere; note the bundled binaries are PostgreSQL 14, not 15. Always available,
 * hence the last resort.
 */
final class EmbeddedServer implements ServerSource {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    @Override
    public Optional<DatabaseServer> obtain(boolean required) {
        try {
            Path dataDirectory = Files.createTempDirectory("ledger-test-pg");
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.throwAway(dataDirectory);
            LOG.info("Test database mode EMBEDDED: zonky PostgreSQL on port {} with data in {}", postgres.port(),
                    dataDirectory);
            return Optional.of(new DatabaseServer(TestDatabase.Mode.EMBEDDED, postgres.jdbcUrl("postgres"),
                                                  DatabaseServer.DEFAULT_ADMIN_USER, "", () -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    LOG.warn("Could not stop embedded PostgreSQL", e);
                }
            }));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
        }
    }
}
