package dev.ledger.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import dev.ledger.launcher.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of run mode 1 when none is configured: an embedded PostgreSQL with its data in
 * {@code <data dir>/pg}, kept across restarts, on a fixed port so that {@code psql -h localhost -p 54329 -U postgres
 * ledger} works for poking around, with the {@value #DATABASE_NAME} database created on the first start.
 */
final class EmbeddedDatabase {

    static final String DATABASE_NAME = "ledger";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private EmbeddedDatabase() {
    }

    /**
     * Starts the server and hands it to {@code started} as soon as it runs, so that it is stopped even if creating
     * the database fails.
     */
    static DatabaseSettings start(RunnerSettings settings, Consumer<EmbeddedPostgresServer> started) {
        Path pgDir = settings.dataDir().resolve("pg");
        int port = settings.embeddedPostgresPort();
        requireFreePort(port, pgDir);
        boolean fresh = !Files.exists(pgDir.resolve("postgresql.conf"));
        LOG.info("Starting embedded PostgreSQL on port {} with data in {}{}", port, pgDir,
                fresh ? " (first run: initialising)" : "");
        String url;
        try {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.kept(pgDir, port);
            started.accept(postgres);
            createDatabaseIfAbsent(postgres);
            url = postgres.jdbcUrl(DATABASE_NAME);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new StartupException("Could not start embedded PostgreSQL on port " + port + " with data in "
                    + pgDir + ". Is another local runner (or a PostgreSQL left over from a killed one) using the "
                    + "port or the data directory? Set LEDGER_EMBEDDED_PG_PORT / LEDGER_DATA_DIR to use others.", e);
        }
        return new DatabaseSettings(url, "postgres", "", pgDir + " (" + url + ")");
    }

    /**
     * Fails if something already listens on the port. Checked up front because zonky only waits until <em>some</em>
     * PostgreSQL answers on the port: with a foreign server there, the services would silently use that one.
     */
    private static void requireFreePort(int port, Path pgDir) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            Path pidFile = pgDir.resolve("postmaster.pid");
            String hint = Files.exists(pidFile)
                    ? " It is probably the PostgreSQL of a local runner that was killed without cleanup; stop it "
                            + "with `kill $(head -1 " + pidFile + ")` and start again."
                    : "";
            throw new StartupException("Port " + port + " for the embedded PostgreSQL is already in use." + hint
                    + " Or choose another port with LEDGER_EMBEDDED_PG_PORT.", null);
        }
    }

    private static void createDatabaseIfAbsent(EmbeddedPostgresServer postgres) throws SQLException {
        try (Connection connection = postgres.postgresDatabase().getConnection()) {
            String query = "select 1 from pg_database where datname = ?";
            try (PreparedStatement exists = connection.prepareStatement(query)) {
                exists.setString(1, DATABASE_NAME);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE_NAME);
            }
            LOG.info("Created database '{}'", DATABASE_NAME);
        }
    }
}
