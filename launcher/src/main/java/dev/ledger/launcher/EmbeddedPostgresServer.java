package dev.ledger.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server from zonky's embedded binaries (no install needed), the one place the project starts one: the
 * local runner keeps its data across restarts ({@link #kept}), the tests throw theirs away ({@link #throwAway}).
 *
 * <p>Neither registers zonky's own shutdown hook: the owner stops the server itself, after what still needs it (the
 * runner after the services, the tests after dropping their databases); JVM shutdown hooks run concurrently, so
 * zonky's could stop the server under them.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The first start unpacks the binaries and runs initdb; 10 s (zonky's default) is tight on small machines. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A server for data that is kept: the directory is created if needed and never wiped, and commits are durable.
     *
     * @param dataDirectory where the cluster lives; initialised on the first start
     * @param port          a fixed port, so that the same {@code psql} line works on every start
     */
    public static EmbeddedPostgresServer kept(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        return new EmbeddedPostgresServer(builder(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky tunes for throw-away test data (fsync off, asynchronous commit). This data is kept across
                // restarts, and it is a ledger, so make commits durable again.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start());
    }

    /** A server on a free port whose data directory is deleted when it stops; zonky's speed-over-safety tuning. */
    public static EmbeddedPostgresServer throwAway(Path dataDirectory) throws IOException {
        return new EmbeddedPostgresServer(builder(dataDirectory).setCleanDataDirectory(true).start());
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setPGStartupWait(STARTUP_WAIT)
                .setRegisterShutdownHook(false);
    }

    public int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of a database on this server, as user {@code postgres} (trust authentication, no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** The {@code postgres} database, for creating others. */
    public DataSource postgresDatabase() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
