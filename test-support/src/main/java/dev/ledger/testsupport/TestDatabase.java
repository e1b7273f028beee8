package dev.ledger.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A private, real PostgreSQL database for one test run (one JVM).
 *
 * <p>Why: the ledger's behaviour depends on PostgreSQL itself (event-store constraints, transactions, JSON types), so
 * tests must not run against an in-memory imitation. But several test runs may happen at the same time on one machine
 * (parallel module builds, a developer's IDE next to a CI job), and if they shared a database they would see each
 * other's events and fail randomly. So every run gets a <em>freshly created</em> database with a random name, and the
 * database is dropped when the JVM exits.
 *
 * <p>Where the PostgreSQL server comes from, in order of preference (first that works wins):
 * <ol>
 *     <li>{@link Mode#DOCKER}: a Testcontainers {@code postgres:15-alpine} container, when a Docker engine is
 *     reachable. Closest to production (same major version) and leaves nothing behind.</li>
 *     <li>{@link Mode#LOCAL}: an already running server - the one named by env {@code LEDGER_TEST_DB_ADMIN_URL}
 *     (credentials in {@code LEDGER_TEST_DB_ADMIN_USER} / {@code LEDGER_TEST_DB_ADMIN_PASSWORD}, default
 *     {@code postgres} / empty), or else one answering at {@code 127.0.0.1:5432} as user {@code postgres}. Cheap and
 *     fast on developer machines and CI runners without Docker. Isolation comes from the per-run database.</li>
 *     <li>{@link Mode#EMBEDDED}: zonky's embedded PostgreSQL binaries started from a temporary directory. Needs
 *     nothing but a JDK, so tests run anywhere; note the bundled binaries are PostgreSQL 14, not 15.</li>
 * </ol>
 * A mode can be forced with system property or env var {@code LEDGER_TEST_DB=docker|local|embedded} (anything else,
 * or {@code auto}, means "choose as above"). A forced mode that cannot start fails loudly instead of falling back,
 * because someone who forces a mode wants to know it was not used.
 *
 * <p>Typical use: {@code TestDatabase.shared().jdbcUrl()} in a Spring {@code @DynamicPropertySource}, or
 * {@link #dataSource()} in plain JDBC tests. Tests that need a database nobody else in the same JVM touches call
 * {@link #newDatabase()}.
 */
public final class TestDatabase {

    /** Where the PostgreSQL server of a {@link TestDatabase} comes from. */
    public enum Mode {
        /** A Testcontainers-managed {@code postgres:15-alpine} container. */
        DOCKER,
        /** An already running server (env {@code LEDGER_TEST_DB_ADMIN_URL} or {@code 127.0.0.1:5432}). */
        LOCAL,
        /** zonky embedded PostgreSQL, started from a temporary directory. */
        EMBEDDED
    }

    /**
     * Coordinates of one freshly created database, dropped when the JVM exits.
     *
     * @param jdbcUrl      JDBC URL of the database
     * @param username     user to connect with
     * @param password     password to connect with (may be empty)
     * @param databaseName the generated name, always starting with {@value #DATABASE_PREFIX}
     */
    public record Fresh(String jdbcUrl, String username, String password, String databaseName) {

        /** A non-pooling data source for this database; good enough for tests and cheap to create. */
        public DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(jdbcUrl);
            dataSource.setUser(username);
            dataSource.setPassword(password);
            return dataSource;
        }
    }

    /** Name prefix of every database created here; makes leftovers from killed JVMs easy to find and drop. */
    public static final String DATABASE_PREFIX = "ledger_test_";

    /** System property / env var that forces a mode. */
    public static final String MODE_SWITCH = "LEDGER_TEST_DB";

    /** Env var naming an admin JDBC URL of an existing server, for {@link Mode#LOCAL}. */
    public static final String ADMIN_URL_ENV = "LEDGER_TEST_DB_ADMIN_URL";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

    private static final String DOCKER_IMAGE = "postgres:15-alpine";
    private static final String DEFAULT_LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DEFAULT_ADMIN_USER = "postgres";
    private static final int CONNECT_TIMEOUT_SECONDS = 2;
    /** Generous: Testcontainers normally answers in well under a second, but a slow remote engine may not. */
    private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(20);
    /** Splits {@code jdbc:postgresql://host:port/db?params} so the database part can be swapped. */
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");
    private static final String NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int NAME_RANDOM_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Guarded by the class monitor; volatile so the fast path of {@link #shared()} needs no lock. */
    private static volatile TestDatabase shared;
    /**
     * Why the first attempt failed, guarded by the class monitor. Remembered so that the other tests of the run fail
     * fast with the same cause instead of each probing Docker and the network again.
     */
    private static RuntimeException startupFailure;

    private final Server server;
    private final Fresh database;

    private TestDatabase(Server server) {
        this.server = server;
        this.database = server.createDatabase();
    }

    /**
     * The database of this test run: created on first call, then the same instance for the whole JVM. The server
     * and every database created through it are removed by a JVM shutdown hook.
     *
     * @throws IllegalStateException if no PostgreSQL could be obtained in any (or the forced) mode
     */
    public static TestDatabase shared() {
        TestDatabase result = shared;
        if (result == null) {
            synchronized (TestDatabase.class) {
                result = shared;
                if (result == null) {
                    if (startupFailure != null) {
                        throw new IllegalStateException("The test database could not be started earlier in this "
                                + "JVM: " + startupFailure.getMessage(), startupFailure);
                    }
                    try {
                        result = new TestDatabase(startServer());
                    } catch (RuntimeException e) {
                        startupFailure = e;
                        throw e;
                    }
                    shared = result;
                }
            }
        }
        return result;
    }

    /** JDBC URL of this run's private database. */
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** User name for {@link #jdbcUrl()}. */
    public String username() {
        return database.username();
    }

    /** Password for {@link #jdbcUrl()} (empty for trust-authenticated servers). */
    public String password() {
        return database.password();
    }

    /** Name of this run's private database; starts with {@value #DATABASE_PREFIX}. */
    public String databaseName() {
        return database.databaseName();
    }

    /** Where the server came from; useful in logs and for tests that behave differently per mode. */
    public Mode mode() {
        return server.mode;
    }

    /** A non-pooling data source for this run's private database. */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /**
     * Creates one more empty database on the same server, for tests that must not see anything the rest of the run
     * wrote (e.g. "the projection of an empty event store is empty"). Dropped when the JVM exits, like the main one.
     */
    public Fresh newDatabase() {
        return server.createDatabase();
    }

    @Override
    public String toString() {
        return "TestDatabase[" + mode() + ", " + jdbcUrl() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Mode selection

    private static Server startServer() {
        String forced = System.getProperty(MODE_SWITCH, System.getenv(MODE_SWITCH));
        Mode mode = parseMode(forced);
        Server server;
        if (mode != null) {
            LOG.info("{}={} forces the test database mode", MODE_SWITCH, forced);
            server = switch (mode) {
                case DOCKER -> {
                    if (!dockerAvailable(true)) {
                        throw new IllegalStateException(MODE_SWITCH + "=docker but no Docker engine is reachable");
                    }
                    yield startDocker();
                }
                case LOCAL -> connectLocal(true);
                case EMBEDDED -> startEmbedded();
            };
        } else if (dockerAvailable(false)) {
            server = startDocker();
        } else {
            Server local = connectLocal(System.getenv(ADMIN_URL_ENV) != null);
            server = local != null ? local : startEmbedded();
        }
        // A hook rather than a JUnit extension: the database lives as long as the JVM (shared by all test classes,
        // Spring's cached contexts keep connections to it until the very end), so JVM exit is the only safe moment.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "test-database-cleanup"));
        return server;
    }

    private static Mode parseMode(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    MODE_SWITCH + " must be one of docker, local, embedded or auto, but was '" + value + "'", e);
        }
    }

    /**
     * Asks Testcontainers whether a Docker engine answers. Runs on a separate daemon thread with a timeout and
     * catches everything (including {@link NoClassDefFoundError} if a consumer excluded Testcontainers) because the
     * whole point of the fallbacks is that a missing or broken Docker must never fail or stall a test run.
     */
    private static boolean dockerAvailable(boolean forced) {
        if (!forced) {
            // Testcontainers logs at ERROR when it finds no engine; say up front that this is expected and harmless.
            LOG.info("Probing for a Docker engine (a Testcontainers 'Could not find a valid Docker environment' "
                    + "error right after this only means Docker is absent; another PostgreSQL will be used)");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "docker-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Boolean> probe = executor.submit(() -> DockerClientFactory.instance().isDockerAvailable());
            boolean available = probe.get(DOCKER_PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.debug("Docker engine available: {}", available);
            return available;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Throwable e) {
            LOG.debug("Docker probe failed, treating Docker as absent", e);
            return false;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Server startDocker() {
        // PostgreSQLContainer is self-typed (SELF extends PostgreSQLContainer<SELF>), hence the wildcard.
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DOCKER_IMAGE);
        container.start();
        LOG.info("Test database mode DOCKER: {} container at {}", DOCKER_IMAGE, container.getJdbcUrl());
        return new Server(Mode.DOCKER, container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                container::stop);
    }

    /**
     * Connects to an existing server.
     *
     * @param required whether failing to connect is an error (configured or forced) or just means "try the next mode"
     * @return the server, or {@code null} if not required and nothing answered
     */
    private static Server connectLocal(boolean required) {
        String configuredUrl = System.getenv(ADMIN_URL_ENV);
        String adminUrl = configuredUrl != null ? configuredUrl : DEFAULT_LOCAL_ADMIN_URL;
        String user = envOrDefault("LEDGER_TEST_DB_ADMIN_USER", DEFAULT_ADMIN_USER);
        String password = envOrDefault("LEDGER_TEST_DB_ADMIN_PASSWORD", "");
        try (Connection ignored = openAdmin(adminUrl, user, password)) {
            LOG.info("Test database mode LOCAL: existing PostgreSQL at {} ({})", adminUrl,
                    configuredUrl != null ? "from " + ADMIN_URL_ENV : "default address");
            return new Server(Mode.LOCAL, adminUrl, user, password, () -> { });
        } catch (SQLException e) {
            if (required) {
                throw new IllegalStateException("Cannot connect to PostgreSQL at " + adminUrl + " as " + user, e);
            }
            LOG.debug("No PostgreSQL at {}: {}", adminUrl, e.getMessage());
            return null;
        }
    }

    private static Server startEmbedded() {
        try {
            Path dataDirectory = Files.createTempDirectory("ledger-test-pg");
            // Our own shutdown hook stops the server after dropping databases, so zonky's own hook is not wanted:
            // JVM shutdown hooks run concurrently and it could stop the server under our DROP DATABASE.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            String adminUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            LOG.info("Test database mode EMBEDDED: zonky PostgreSQL on port {} with data in {}", postgres.getPort(),
                    dataDirectory);
            return new Server(Mode.EMBEDDED, adminUrl, DEFAULT_ADMIN_USER, "", () -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    LOG.warn("Could not stop embedded PostgreSQL", e);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
        }
    }

    private static Connection openAdmin(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        // Without these a firewalled or half-dead host would stall the probe for the OS TCP timeout (minutes).
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(url, properties);
    }

    private static String envOrDefault(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }

    static String randomDatabaseName() {
        StringBuilder name = new StringBuilder(DATABASE_PREFIX);
        for (int i = 0; i < NAME_RANDOM_LENGTH; i++) {
            name.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
        }
        return name.toString();
    }

    /** Replaces the database part of a PostgreSQL JDBC URL, keeping host, port and parameters. */
    static String withDatabase(String jdbcUrl, String databaseName) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql:// URL: " + jdbcUrl);
        }
        String parameters = matcher.group(3) != null ? matcher.group(3) : "";
        return matcher.group(1) + "/" + databaseName + parameters;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** One PostgreSQL server plus the databases we created on it, so they can all be removed at exit. */
    private static final class Server {

        private final Mode mode;
        private final String adminUrl;
        private final String user;
        private final String password;
        private final Runnable stop;
        private final List<String> createdDatabases = Collections.synchronizedList(new ArrayList<>());

        Server(Mode mode, String adminUrl, String user, String password, Runnable stop) {
            this.mode = mode;
            this.adminUrl = adminUrl;
            this.user = user;
            this.password = password;
            this.stop = stop;
        }

        Fresh createDatabase() {
            String name = randomDatabaseName();
            try (Connection admin = openAdmin(adminUrl, user, password);
                 Statement statement = admin.createStatement()) {
                // Names are generated from [a-z0-9_] only, so building the statement is safe; DDL can't be bound.
                statement.execute("CREATE DATABASE \"" + name + "\"");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create test database " + name + " via " + adminUrl, e);
            }
            createdDatabases.add(name);
            LOG.debug("Created test database {}", name);
            return new Fresh(withDatabase(adminUrl, name), user, password, name);
        }

        /**
         * Drops our databases, then stops the server if we own one. Never throws: it runs in a shutdown hook, where
         * an exception would only hide the other cleanup steps.
         */
        void shutdown() {
            // A container or embedded server takes all its databases with it; only a shared LOCAL server needs the
            // drops, but doing them everywhere keeps the path exercised and costs milliseconds.
            List<String> names;
            synchronized (createdDatabases) {
                names = new ArrayList<>(createdDatabases);
            }
            if (!names.isEmpty()) {
                try (Connection admin = openAdmin(adminUrl, user, password);
                     Statement statement = admin.createStatement()) {
                    for (String name : names) {
                        try {
                            // FORCE (PostgreSQL 13+) disconnects sessions a test forgot to close.
                            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                            LOG.debug("Dropped test database {}", name);
                        } catch (SQLException e) {
                            LOG.warn("Could not drop test database {}: {}", name, e.getMessage());
                        }
                    }
                } catch (SQLException e) {
                    LOG.warn("Could not connect to {} to drop test databases {}: {}", adminUrl, names,
                            e.getMessage());
                }
            }
            try {
                stop.run();
            } catch (RuntimeException e) {
                LOG.warn("Could not stop the {} test database server", mode, e);
            }
        }
    }
}
