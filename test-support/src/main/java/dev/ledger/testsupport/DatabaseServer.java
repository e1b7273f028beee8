package dev.ledger.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One PostgreSQL server plus the databases we created on it, so they can all be removed at exit. */
final class DatabaseServer {

    static final String DEFAULT_ADMIN_USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 2;
    private static final String NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int NAME_RANDOM_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestDatabase.Mode mode;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final Runnable stop;
    private final List<String> createdDatabases = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param adminUrl a JDBC URL of the server's {@code postgres} database, to create and drop ours through
     * @param stop     stops the server if we own it; does nothing for a server that was already running
     */
    DatabaseServer(TestDatabase.Mode mode, String adminUrl, String user, String password, Runnable stop) {
        this.mode = mode;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.stop = stop;
    }

    TestDatabase.Mode mode() {
        return mode;
    }

    TestDatabase.Fresh createDatabase() {
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
        return new TestDatabase.Fresh(TestDatabase.withDatabase(adminUrl, name), user, password, name);
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
                LOG.warn("Could not connect to {} to drop test databases {}: {}", adminUrl, names, e.getMessage());
            }
        }
        try {
            stop.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the {} test database server", mode, e);
        }
    }

    static Connection openAdmin(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        // Without these a firewalled or half-dead host would stall the probe for the OS TCP timeout (minutes).
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(url, properties);
    }

    static String randomDatabaseName() {
        StringBuilder name = new StringBuilder(TestDatabase.DATABASE_PREFIX);
        for (int i = 0; i < NAME_RANDOM_LENGTH; i++) {
            name.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
        }
        return name.toString();
    }
}
