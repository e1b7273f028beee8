package dev.ledger.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where the test run's PostgreSQL comes from: the mode forced by {@value TestDatabase#MODE_SWITCH}, which
 * must work, or else the first of Docker, a local server and an embedded one that does.
 */
final class ServerSelector {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSelector.class);
    private static final List<TestDatabase.Mode> PREFERENCE =
            List.of(TestDatabase.Mode.DOCKER, TestDatabase.Mode.LOCAL, TestDatabase.Mode.EMBEDDED);

    private ServerSelector() {
    }

    /** Obtains the server and registers its cleanup for JVM exit. */
    static DatabaseServer start() {
        String forced = System.getProperty(TestDatabase.MODE_SWITCH, System.getenv(TestDatabase.MODE_SWITCH));
        TestDatabase.Mode mode = parseMode(forced);
        DatabaseServer server;
        if (mode != null) {
            LOG.info("{}={} forces the test database mode", TestDatabase.MODE_SWITCH, forced);
            server = ServerSource.of(mode).obtain(true).orElseThrow();
        } else {
            server = firstAvailable();
        }
        // A hook rather than a JUnit extension: the database lives as long as the JVM (shared by all test classes,
        // Spring's cached contexts keep connections to it until the very end), so JVM exit is the only safe moment.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "test-database-cleanup"));
        return server;
    }

    private static DatabaseServer firstAvailable() {
        for (TestDatabase.Mode candidate : PREFERENCE) {
            Optional<DatabaseServer> server = ServerSource.of(candidate).obtain(false);
            if (server.isPresent()) {
                return server.get();
            }
        }
        throw new IllegalStateException("The embedded server, the last resort, neither started nor failed");
    }

    private static TestDatabase.Mode parseMode(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return TestDatabase.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TestDatabase.MODE_SWITCH
                    + " must be one of docker, local, embedded or auto, but was '" + value + "'", e);
        }
    }
}
