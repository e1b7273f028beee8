package dev.ledger.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A private, real PostgreSQL database for one test run (one JVM).
 *
 * <p>Why: the ledger's behaviour depends on PostgreSQL itself (event-store constraints, transactions, JSON types), so
 * tests must not run against an in-memory imitation. But several test runs may happen at the same time on one machine
 * (parallel module builds, a developer's IDE next to a CI job), and if they shared a database they would see each
 * other's events and fail randomly. So every run gets a <em>freshly created</em> database with a random name, and the
 * database is dropped when the JVM exits.
 *
 * <p>Where the PostgreSQL server comes from, in order of preference (first that works wins), each a
 * {@link ServerSource} of its own, chosen by {@link ServerSelector}:
 * <ol>
 *     <li>{@link Mode#DOCKER}: a Testcontainers {@code postgres:15-alpine} container ({@link DockerServer}).</li>
 *     <li>{@link Mode#LOCAL}: an already running server, env {@code LEDGER_TEST_DB_ADMIN_URL} or
 *     {@code 127.0.0.1:5432} ({@link LocalServer}).</li>
 *     <li>{@link Mode#EMBEDDED}: zonky's embedded PostgreSQL from a temporary directory ({@link EmbeddedServer}).</li>
 * </ol>
 * A mode can be forced with system property or env var {@code LEDGER_TEST_DB=docker|local|embedded} (anything else,
 * or {@code auto}, means "choose as above"). A forced mode that cannot start fails loudly instead of falling back,
 * because someone who forces a mode wants to know it was not used.
 *
 * <p>Typical use: {@code TestDatabase.shared().jdbcUrl()} in a Spring {@code @DynamicPropertySource}, or
 * {@link #dataSource()} in plain JDBC tests. Tests that need a database nobody else in the same JVM touches call
 * {@link #newDatabase()}, or, for a Spring test class, carry {@link OwnDatabase}.
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

        /**
         * Creates {@code schema} and runs the SQL script at class path {@code resource} in it: how one service's
         * tests get the tables another service owns, from that service's own migration.
         */
        public void createSchemaFrom(String schema, String resource) {
            try (InputStream script = TestDatabase.class.getClassLoader().getResourceAsStream(resource);
                 Connection connection = dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                if (script == null) {
                    throw new IllegalStateException(resource + " is not on the class path");
                }
                statement.execute("CREATE SCHEMA " + schema);
                statement.execute("SET search_path TO " + schema);
                statement.execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot create schema " + schema + " from " + resource, e);
            }
        }
    }

    /** Name prefix of every database created here; makes leftovers from killed JVMs easy to find and drop. */
    public static final String DATABASE_PREFIX = "ledger_test_";

    /** System property / env var that forces a mode. */
    public static final String MODE_SWITCH = "LEDGER_TEST_DB";

    /** Env var naming an admin JDBC URL of an existing server, for {@link Mode#LOCAL}. */
    public static final String ADMIN_URL_ENV = "LEDGER_TEST_DB_ADMIN_URL";

    /** Splits {@code jdbc:postgresql://host:port/db?params} so the database part can be swapped. */
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");

    /** Guarded by the class monitor; volatile so the fast path of {@link #shared()} needs no lock. */
    private static volatile TestDatabase shared;
    /**
     * Why the first attempt failed, guarded by the class monitor. Remembered so that the other tests of the run fail
     * fast with the same cause instead of each probing Docker and the network again.
     */
    private static RuntimeException startupFailure;

    private final DatabaseServer server;
    private final Fresh database;

    private TestDatabase(DatabaseServer server) {
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
                        result = new TestDatabase(ServerSelector.start());
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
        return server.mode();
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

    /** Replaces the database part of a PostgreSQL JDBC URL, keeping host, port and parameters. */
    static String withDatabase(String jdbcUrl, String databaseName) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql:// URL: " + jdbcUrl);
        }
        String parameters = matcher.group(3) != null ? matcher.group(3) : "";
        return matcher.group(1) + "/" + databaseName + parameters;
    }
}
