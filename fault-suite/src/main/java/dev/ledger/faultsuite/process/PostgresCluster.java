package dev.ledger.faultsuite.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster that belongs to the suite alone: initialised in a temporary directory, listening on a free
 * port of 127.0.0.1, so it may be restarted, paused and have its connections cut without touching anybody else's
 * server. PostgreSQL refuses to run as root, so as root every server command runs as an unprivileged operating
 * system user ({@code postgres} unless told otherwise) that owns the directory.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String DATABASE = "ledger";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Path binaries;
    private final Path directory;
    private final Path data;
    private final Path log;
    private final int port;
    private final String osUser;
    private final Path keptLog;
    private volatile boolean paused;
    private volatile boolean keep;

    private PostgresCluster(Path binaries, Path directory, int port, String osUser, Path keptLog) {
        this.keptLog = keptLog;
        this.binaries = binaries;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgres.log");
        this.port = port;
        this.osUser = osUser;
    }

    /**
     * initdb in a fresh temporary directory, start, create the ledger's database.
     *
     * @param osUser  the user to run the server as when the suite runs as root (ignored otherwise)
     * @param keptLog where the server's log is copied when it stops (its directory is deleted)
     */
    public static PostgresCluster create(Path binaries, String osUser, Path keptLog) {
        try {
            Path directory = Files.createTempDirectory("ledger-faults-pg-");
            boolean root = "0".equals(OsCommand.run(List.of("id", "-u"), Duration.ofSeconds(5)).strip());
            PostgresCluster cluster = new PostgresCluster(binaries, directory, FreePort.find(), root ? osUser : null,
                                                                 keptLog);
            if (root) {
                OsCommand.run(List.of("chown", osUser, directory.toString()), Duration.ofSeconds(10));
            }
            cluster.server("initdb", "-D", cluster.data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                           "--no-sync");
            cluster.start();
            try (Connection connection = cluster.connect("postgres"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the ledger database", e);
        }
    }

    private void start() {
        // the socket lives in the cluster's own directory, so the system server's /var/run/postgresql is untouched
        server("pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60", "-o",
               "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c max_connections=200", "start");
    }

    /** A crash as far as the data is concerned: no checkpoint, no goodbye to clients; recovery replays the WAL. */
    public void restartImmediately() {
        server("pg_ctl", "-D", data.toString(), "-l", log.toString(), "-m", "immediate", "-w", "-t", "60", "restart");
    }

    /**
     * SIGSTOP to the postmaster and every backend: established connections hang without an error, new ones are
     * not accepted, which is what a stalled disk or a VM pause looks like from outside.
     */
    public void pause() {
        List<Long> pids = processIds();
        OsCommand.signal("STOP", pids);
        paused = true;
    }

    public void resume() {
        List<Long> pids = processIds();
        // children first, the postmaster last: it then finds every backend it supervises running again
        OsCommand.signal("CONT", pids.subList(1, pids.size()));
        OsCommand.signal("CONT", pids.subList(0, 1));
        paused = false;
    }

    /** Cuts every connection to the ledger's database, as a failover or an operator's kill would; the count cut. */
    public int terminateBackends() {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE datname = '" + DATABASE + "' AND pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate backends", e);
        }
    }

    /** The postmaster first, then its children (backends and auxiliary processes). */
    private List<Long> processIds() {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid: is the cluster running?", e);
        }
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster).ifPresent(handle -> handle.children().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        return connect(DATABASE);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                                           + "?connectTimeout=5&socketTimeout=300", "postgres", "");
    }

    public int port() {
        return port;
    }

    private void server(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (osUser != null) {
            command.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        OsCommand.run(command, COMMAND_TIMEOUT);
    }

    /** Leave the data for a post-mortem instead of deleting it (after a violation, or when asked). */
    public void keep() {
        keep = true;
    }

    /** How to look at the kept data afterwards. */
    public String restartHint() {
        return (osUser != null ? "runuser -u " + osUser + " -- " : "") + binaries.resolve("pg_ctl") + " -D " + data
               + " -o \"-p " + port + " -k " + directory + "\" start; psql -h 127.0.0.1 -p " + port + " -U postgres "
               + DATABASE;
    }

    /**
     * Stops the server (resumed first: a stopped process cannot shut down) and deletes its directory, unless
     * {@link #keep} was asked for.
     */
    @Override
    public void close() {
        try {
            if (paused) {
                resume();
            }
            server("pg_ctl", "-D", data.toString(), "-m", keep ? "fast" : "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            System.err.println("stopping PostgreSQL: " + e.getMessage());
        }
        try {
            Files.copy(log, keptLog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("cannot keep the PostgreSQL log: " + e.getMessage());
        }
        if (keep) {
            System.err.println("PostgreSQL data kept in " + data + "; to look: " + restartHint());
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("cannot delete " + directory + ": " + e.getMessage());
        }
    }
}
