package dev.ledger.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run mode 1 of the ledger: one command on a machine that has only a JDK and Maven starts the whole product.
 *
 * <pre>
 *     mvn -DskipTests package
 *     java -jar local-runner/target/local-runner.jar
 * </pre>
 *
 * <p>What it does, and why:
 * <ol>
 *     <li><b>Database.</b> If env {@code LEDGER_DB_URL} is set (with {@code LEDGER_DB_USER} /
 *     {@code LEDGER_DB_PASSWORD}), that database is used as is. Otherwise an embedded PostgreSQL (zonky binaries, no
 *     install needed) is started with its data in {@code <data dir>/pg}, where the data dir is
 *     {@code <repo root>/.ledger-data} or env {@code LEDGER_DATA_DIR}. The data directory is <em>not</em> wiped, so
 *     accounts and events survive restarts, which is what a user trying the product expects. Port: env
 *     {@code LEDGER_EMBEDDED_PG_PORT}, default {@value #DEFAULT_EMBEDDED_PG_PORT} (fixed rather than random so that
 *     {@code psql -h localhost -p 54329 -U postgres ledger} works for poking around).</li>
 *     <li><b>Services.</b> {@code command-side.jar} and {@code query-side.jar} run as child processes of this JVM,
 *     each with its own JVM, exactly as they would be deployed; only the database settings are handed over as env
 *     vars. Ports are the services' defaults (8080 / 8081) unless env {@code COMMAND_PORT} / {@code QUERY_PORT} are
 *     set, in which case that child gets {@code SERVER_PORT}.</li>
 *     <li><b>Order.</b> The command side owns the event-store schema migrations that the query side reads, so the
 *     query side is started only once the command side answers HTTP (up to {@value #DEFAULT_HEALTH_WAIT_SECONDS} s,
 *     env {@code LEDGER_STARTUP_WAIT_SECONDS} for very slow machines).</li>
 *     <li><b>Lifetime.</b> Ctrl-C stops both services and then the database. If a service dies on its own, the other
 *     one and the database are stopped too and the runner exits non-zero: a half-running product is more confusing
 *     than a stopped one.</li>
 * </ol>
 *
 * <p>The <b>repository root is the current working directory</b>: the runner looks for
 * {@code command-side/target/command-side.jar} and {@code query-side/target/query-side.jar} relative to it, so start it
 * from the repository root (a jar location would be fragile: the fat jar may be copied elsewhere).
 *
 * <p>Caveat: if this JVM is killed with {@code kill -9}, no shutdown hook runs and the children and the PostgreSQL
 * server keep running; stop them by hand (the PostgreSQL server with {@code pg_ctl -D .ledger-data/pg stop}).
 * <p>
 * One file over 300 lines because it is one lifecycle: what it starts (database, then services) it must stop
 * in reverse on every path (Ctrl-C, a child crashing, a failed start), and that reads best in one place.
 */
public final class LocalRunner {

    static final int DEFAULT_EMBEDDED_PG_PORT = 54329;
    static final int DEFAULT_COMMAND_PORT = 8080;
    static final int DEFAULT_QUERY_PORT = 8081;
    static final int DEFAULT_HEALTH_WAIT_SECONDS = 120;
    static final String DATABASE_NAME = "ledger";
    private static final Duration CHILD_STOP_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

    private final Path root;
    private final Map<String, String> env;
    private final Object lifecycleLock = new Object();
    private final List<Child> children = new ArrayList<>();
    private EmbeddedPostgres embeddedPostgres;
    /** Set once stopping began, so a child exiting because we stopped it is not reported as a crash. */
    private volatile boolean stopping;

    LocalRunner(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    public static void main(String[] args) {
        LocalRunner runner = new LocalRunner(Path.of("").toAbsolutePath(), System.getenv());
        int exitCode;
        try {
            exitCode = runner.run();
        } catch (StartupException e) {
            LOG.error(e.getMessage(), e.getCause());
            exitCode = 1;
        } catch (RuntimeException e) {
            LOG.error("Local runner failed", e);
            exitCode = 1;
        }
        runner.stopAll();
        System.exit(exitCode);
    }

    /**
     * Starts everything and blocks until a child exits (or the JVM is shutting down because of Ctrl-C).
     *
     * @return the exit code for the runner
     */
    int run() {
        Path commandJar = requireJar("command-side");
        Path queryJar = requireJar("query-side");

        // Registered before anything is started so that nothing can be left behind by an early Ctrl-C.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-runner-shutdown"));

        DatabaseSettings database = env.get("LEDGER_DB_URL") != null ? externalDatabase() : startEmbeddedDatabase();

        int commandPort = number("COMMAND_PORT", DEFAULT_COMMAND_PORT);
        int queryPort = number("QUERY_PORT", DEFAULT_QUERY_PORT);

        Child command = startChild("command-side", commandJar, database, env.get("COMMAND_PORT"));
        int healthWaitSeconds = number("LEDGER_STARTUP_WAIT_SECONDS", DEFAULT_HEALTH_WAIT_SECONDS);
        if (!waitUntilAnswers(command, commandPort, healthWaitSeconds)) {
            if (stopping) {
                return 0;
            }
            if (!command.process.isAlive()) {
                return reportUnexpectedExit(command);
            }
            LOG.warn("command-side did not answer http://localhost:{}/actuator/health within {} s; starting "
                    + "query-side anyway, it may fail if the event-store schema is not there yet", commandPort,
                    healthWaitSeconds);
        }
        Child query = startChild("query-side", queryJar, database, env.get("QUERY_PORT"));

        printBanner(commandPort, queryPort, database);

        CompletableFuture.anyOf(command.process.onExit(), query.process.onExit()).join();
        // On Ctrl-C in a terminal the services receive SIGINT too and may exit just before our shutdown hook has
        // marked the stop; give the hook that moment so that a plain Ctrl-C is not reported as a crash.
        sleep(Duration.ofMillis(500));
        if (stopping) {
            // Ctrl-C: the shutdown hook is stopping everything and decides when the JVM ends.
            return 0;
        }
        return reportUnexpectedExit(command.process.isAlive() ? query : command);
    }

    private int reportUnexpectedExit(Child child) {
        LOG.error("{} exited on its own with code {}; stopping everything", child.name, child.process.exitValue());
        return 1;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Database

    /** Database settings handed to both services. */
    record DatabaseSettings(String url, String user, String password, String location) {
    }

    private DatabaseSettings externalDatabase() {
        String url = env.get("LEDGER_DB_URL");
        LOG.info("Using the database from LEDGER_DB_URL: {}", url);
        return new DatabaseSettings(url, env.get("LEDGER_DB_USER"), env.get("LEDGER_DB_PASSWORD"), url);
    }

    private DatabaseSettings startEmbeddedDatabase() {
        Path dataDir = env.get("LEDGER_DATA_DIR") != null
                ? Path.of(env.get("LEDGER_DATA_DIR")).toAbsolutePath()
                : root.resolve(".ledger-data");
        Path pgDir = dataDir.resolve("pg");
        int port = number("LEDGER_EMBEDDED_PG_PORT", DEFAULT_EMBEDDED_PG_PORT);
        requireFreePort(port, pgDir);
        boolean fresh = !Files.exists(pgDir.resolve("postgresql.conf"));
        LOG.info("Starting embedded PostgreSQL on port {} with data in {}{}", port, pgDir,
                fresh ? " (first run: initialising)" : "");
        try {
            Files.createDirectories(pgDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky tunes for throw-away test data (fsync off, asynchronous commit). This data is kept
                    // across restarts, and it is a ledger, so make commits durable again.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // First start unpacks binaries and runs initdb; 10 s (zonky's default) is tight on small machines.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Our shutdown hook stops the database after the services, which need it while shutting down.
                    .setRegisterShutdownHook(false)
                    .start();
            synchronized (lifecycleLock) {
                embeddedPostgres = postgres;
            }
            createDatabaseIfAbsent(postgres);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new StartupException("Could not start embedded PostgreSQL on port " + port + " with data in "
                    + pgDir + ". Is another local runner (or a PostgreSQL left over from a killed one) using the "
                    + "port or the data directory? Set LEDGER_EMBEDDED_PG_PORT / LEDGER_DATA_DIR to use others.", e);
        }
        String url = "jdbc:postgresql://localhost:" + port + "/" + DATABASE_NAME;
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

    private static void createDatabaseIfAbsent(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
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

    // ---------------------------------------------------------------------------------------------------------------
    // Services

    /** A started service process and the name used for it in logs. */
    private record Child(String name, Process process) {
    }

    private Path requireJar(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(jar + " is missing: run `mvn -DskipTests package` first (in " + root
                    + "; the local runner expects to be started from the repository root)", null);
        }
        return jar;
    }

    private Child startChild(String name, Path jar, DatabaseSettings database, String port) {
        ProcessBuilder builder = new ProcessBuilder(ClassDataSharing.command(javaBinary(), name, jar,
                                                                    root.resolve("service-jvm.options")))
                .directory(root.toFile())
                // The services' logs go straight to this terminal; no prefixing, Spring Boot's format is clear.
                .inheritIO();
        Map<String, String> childEnv = builder.environment();
        putIfNotNull(childEnv, "LEDGER_DB_URL", database.url());
        putIfNotNull(childEnv, "LEDGER_DB_USER", database.user());
        putIfNotNull(childEnv, "LEDGER_DB_PASSWORD", database.password());
        if (port != null) {
            childEnv.put("SERVER_PORT", port);
        }
        synchronized (lifecycleLock) {
            if (stopping) {
                throw new StartupException("Stopping; not starting " + name, null);
            }
            try {
                Child child = new Child(name, builder.start());
                children.add(child);
                LOG.info("Started {} (pid {}) from {}", name, child.process.pid(), jar);
                return child;
            } catch (IOException e) {
                throw new StartupException("Could not start " + name + " from " + jar, e);
            }
        }
    }

    /** The {@code java} running this runner, so the services get the same JDK rather than whatever is on PATH. */
    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Polls the command side's health endpoint. Any HTTP response counts: Spring Boot opens its HTTP port only after
     * the application context (including the schema migrations) is up, which is all the query side needs; the
     * health status itself may legitimately be DOWN for unrelated reasons.
     *
     * @return whether it answered; {@code false} on timeout or if the process died
     */
    private boolean waitUntilAnswers(Child child, int port, int waitSeconds) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        LOG.info("Waiting for {} to answer on http://localhost:{}/actuator/health before starting query-side",
                child.name, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (System.nanoTime() < deadline && child.process.isAlive() && !stopping) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    LOG.warn("{} answered health with HTTP {}: {}", child.name, response.statusCode(),
                            response.body());
                }
                return true;
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            sleep(Duration.ofSeconds(1));
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shutdown

    /**
     * Stops the services, then the database. Idempotent, because both the shutdown hook (Ctrl-C) and the main
     * thread (a child crashed) call it.
     */
    void stopAll() {
        List<Child> toStop;
        EmbeddedPostgres postgres;
        synchronized (lifecycleLock) {
            stopping = true;
            toStop = new ArrayList<>(children);
            children.clear();
            postgres = embeddedPostgres;
            embeddedPostgres = null;
        }
        // Ask all to stop first, then wait: the services shut down in parallel rather than one after the other.
        toStop.forEach(child -> child.process.destroy());
        for (Child child : toStop) {
            stopChild(child);
        }
        if (postgres != null) {
            try {
                postgres.close();
                LOG.info("Stopped embedded PostgreSQL");
            } catch (IOException e) {
                LOG.warn("Could not stop embedded PostgreSQL", e);
            }
        }
    }

    private static void stopChild(Child child) {
        try {
            if (!child.process.waitFor(CHILD_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within {} s; killing it", child.name, CHILD_STOP_TIMEOUT.toSeconds());
                child.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            LOG.info("Stopped {}", child.name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.process.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Small helpers

    private void printBanner(int commandPort, int queryPort, DatabaseSettings database) {
        String banner = String.join(System.lineSeparator(),
                "",
                "==================================================================",
                " Ledger is starting (run mode 1: local runner)",
                "   Command API : http://localhost:" + commandPort
                        + "   (Swagger UI: http://localhost:" + commandPort + "/swagger-ui.html)",
                "   Query API   : http://localhost:" + queryPort
                        + "   (Swagger UI: http://localhost:" + queryPort + "/swagger-ui.html)",
                "   Data        : " + database.location(),
                " Press Ctrl-C to stop everything.",
                "==================================================================",
                "");
        System.out.println(banner);
    }

    private int number(String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupException(variable + " must be a number, but is '" + value + "'", null);
        }
    }

    private static void putIfNotNull(Map<String, String> target, String key, String value) {
        if (value != null) {
            target.put(key, value);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure with a message meant for the user; logged without a stack trace unless it has a cause. */
    static final class StartupException extends RuntimeException {

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
