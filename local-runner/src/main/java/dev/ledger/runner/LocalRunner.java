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
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
 *     <li><b>Authorization server.</b> {@code auth-server.jar}, the identity provider that issues the bearer tokens
 *     every endpoint requires, runs as a child process on port {@value #DEFAULT_AUTH_PORT} (env {@code AUTH_PORT}).
 *     Its signing key is kept in {@code <data dir>/auth-server/}, so tokens survive a restart like the data does.
 *     It gets a small heap and the serial collector: it answers a few token requests per run, not the traffic.</li>
 *     <li><b>Services.</b> {@code command-side.jar} and {@code query-side.jar} run as child processes of this JVM,
 *     each with its own JVM, exactly as they would be deployed; only the database settings and where to find the
 *     authorization server ({@code LEDGER_AUTH_ISSUER_URI}, {@code LEDGER_AUTH_AUDIENCE}) are handed over as env
 *     vars. Ports are the services' defaults (8080 / 8081) unless env {@code COMMAND_PORT} / {@code QUERY_PORT} are
 *     set, in which case that child gets {@code SERVER_PORT}.</li>
 *     <li><b>Order.</b> The authorization server needs no database, so it is started first and boots while the
 *     database starts; the services are started once it answers HTTP, so that the first request with a token
 *     finds its keys. The command side owns the event-store schema migrations that the query side reads, so the
 *     query side is started only once the command side answers HTTP. Each wait lasts up to
 *     {@value #DEFAULT_HEALTH_WAIT_SECONDS} s (env {@code LEDGER_STARTUP_WAIT_SECONDS} for very slow machines).</li>
 *     <li><b>Lifetime.</b> Ctrl-C stops everything in reverse order: both services, then the database, then the
 *     authorization server. If a child dies on its own, everything else is stopped too and the runner exits
 *     non-zero: a half-running product is more confusing than a stopped one.</li>
 * </ol>
 *
 * <p>The <b>repository root is the current working directory</b>: the runner looks for
 * {@code auth-server/target/auth-server.jar}, {@code command-side/target/command-side.jar} and
 * {@code query-side/target/query-side.jar} relative to it, so start it from the repository root (a jar location
 * would be fragile: the fat jar may be copied elsewhere).
 *
 * <p>Caveat: if this JVM is killed with {@code kill -9}, no shutdown hook runs and the children and the PostgreSQL
 * server keep running; stop them by hand (the PostgreSQL server with {@code pg_ctl -D .ledger-data/pg stop}).
 * <p>
 * One file over 300 lines because it is one lifecycle: what it starts (authorization server, database, services)
 * it must stop in reverse on every path (Ctrl-C, a child crashing, a failed start), and that reads best in one
 * place.
 */
public final class LocalRunner {

    static final int DEFAULT_EMBEDDED_PG_PORT = 54329;
    static final int DEFAULT_AUTH_PORT = 9000;
    static final int DEFAULT_COMMAND_PORT = 8080;
    static final int DEFAULT_QUERY_PORT = 8081;
    static final int DEFAULT_HEALTH_WAIT_SECONDS = 120;
    static final String DATABASE_NAME = "ledger";
    /** The {@code aud} the authorization server writes into tokens and the services require. */
    static final String DEFAULT_AUDIENCE = "ledger-api";
    /**
     * A few token requests per run: 128 MB and the serial collector are plenty, and the C1 compiler alone starts it
     * with less CPU while the database starts beside it.
     */
    static final List<String> AUTH_SERVER_JVM_OPTIONS =
            List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration CHILD_STOP_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

    private final Path root;
    private final Map<String, String> env;
    private final Object lifecycleLock = new Object();
    /** The services, in the order started; stopped before the authorization server. */
    private final List<Child> services = new ArrayList<>();
    private Child authServer;
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
        Path authJar = requireJar("auth-server");
        Path commandJar = requireJar("command-side");
        Path queryJar = requireJar("query-side");

        // Registered before anything is started so that nothing can be left behind by an early Ctrl-C.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-runner-shutdown"));

        int authPort = number("AUTH_PORT", DEFAULT_AUTH_PORT);
        int commandPort = number("COMMAND_PORT", DEFAULT_COMMAND_PORT);
        int queryPort = number("QUERY_PORT", DEFAULT_QUERY_PORT);
        int healthWaitSeconds = number("LEDGER_STARTUP_WAIT_SECONDS", DEFAULT_HEALTH_WAIT_SECONDS);
        AuthSettings auth = new AuthSettings("http://localhost:" + authPort,
                                             env.getOrDefault("LEDGER_AUTH_AUDIENCE", DEFAULT_AUDIENCE));

        Child authServer = startAuthServer(authJar, authPort, auth);
        DatabaseSettings database = env.get("LEDGER_DB_URL") != null ? externalDatabase() : startEmbeddedDatabase();
        OptionalInt exit = awaitBeforeStarting("the services", authServer, authPort, healthWaitSeconds,
                                               "requests with a token fail until it answers");
        if (exit.isPresent()) {
            return exit.getAsInt();
        }

        Child command = startService("command-side", commandJar, database, auth, env.get("COMMAND_PORT"));
        exit = awaitBeforeStarting("query-side", command, commandPort, healthWaitSeconds,
                                   "it may fail if the event-store schema is not there yet");
        if (exit.isPresent()) {
            return exit.getAsInt();
        }
        Child query = startService("query-side", queryJar, database, auth, env.get("QUERY_PORT"));

        printBanner(authPort, commandPort, queryPort, database);

        List<Child> all = List.of(authServer, command, query);
        CompletableFuture.anyOf(all.stream().map(child -> child.process.onExit()).toArray(CompletableFuture[]::new))
                .join();
        // On Ctrl-C in a terminal the children receive SIGINT too and may exit just before our shutdown hook has
        // marked the stop; give the hook that moment so that a plain Ctrl-C is not reported as a crash.
        sleep(Duration.ofMillis(500));
        if (stopping) {
            // Ctrl-C: the shutdown hook is stopping everything and decides when the JVM ends.
            return 0;
        }
        return reportUnexpectedExit(all.stream().filter(child -> !child.process.isAlive()).findFirst().orElseThrow());
    }

    /**
     * Waits until {@code child} answers before the runner starts what comes next.
     *
     * @return an exit code if the runner must end here (stopping, or the child died), empty to go on; a child that
     *         merely does not answer in time is reported with {@code risk} and the runner goes on
     */
    private OptionalInt awaitBeforeStarting(String next, Child child, int port, int waitSeconds, String risk) {
        if (waitUntilAnswers(child, port, waitSeconds, next)) {
            return OptionalInt.empty();
        }
        if (stopping) {
            return OptionalInt.of(0);
        }
        if (!child.process.isAlive()) {
            return OptionalInt.of(reportUnexpectedExit(child));
        }
        LOG.warn("{} did not answer http://localhost:{}/actuator/health within {} s; starting {} anyway, {}",
                child.name, port, waitSeconds, next, risk);
        return OptionalInt.empty();
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

    /** {@code <repo root>/.ledger-data} or env {@code LEDGER_DATA_DIR}: the database and the signing key. */
    private Path dataDir() {
        return env.get("LEDGER_DATA_DIR") != null
                ? Path.of(env.get("LEDGER_DATA_DIR")).toAbsolutePath()
                : root.resolve(".ledger-data");
    }

    private DatabaseSettings startEmbeddedDatabase() {
        Path pgDir = dataDir().resolve("pg");
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
    // Authorization server and services

    /** A started child process and the name used for it in logs. */
    private record Child(String name, Process process) {
    }

    /** Where the services find the authorization server, and the audience its tokens name. */
    record AuthSettings(String issuer, String audience) {
    }

    private Path requireJar(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(jar + " is missing: run `mvn -DskipTests package` first (in " + root
                    + "; the local runner expects to be started from the repository root)", null);
        }
        return jar;
    }

    /**
     * Starts the authorization server with the issuer and audience the services are given, set here rather than
     * inherited, so that a stray {@code LEDGER_AUTH_ISSUER_URI} in the shell cannot make the two disagree.
     */
    private Child startAuthServer(Path jar, int port, AuthSettings auth) {
        ProcessBuilder builder = processBuilder("auth-server", jar, AUTH_SERVER_JVM_OPTIONS);
        Map<String, String> childEnv = builder.environment();
        childEnv.put("SERVER_PORT", Integer.toString(port));
        childEnv.put("LEDGER_DATA_DIR", dataDir().toString());
        childEnv.put("LEDGER_AUTH_ISSUER_URI", auth.issuer());
        childEnv.put("LEDGER_AUTH_AUDIENCE", auth.audience());
        return start("auth-server", jar, builder, child -> authServer = child);
    }

    private Child startService(String name, Path jar, DatabaseSettings database, AuthSettings auth, String port) {
        Path options = root.resolve("service-jvm.options");
        ProcessBuilder builder = processBuilder(name, jar,
                                                Files.isRegularFile(options) ? List.of("@" + options) : List.of());
        Map<String, String> childEnv = builder.environment();
        putIfNotNull(childEnv, "LEDGER_DB_URL", database.url());
        putIfNotNull(childEnv, "LEDGER_DB_USER", database.user());
        putIfNotNull(childEnv, "LEDGER_DB_PASSWORD", database.password());
        childEnv.put("LEDGER_AUTH_ISSUER_URI", auth.issuer());
        childEnv.put("LEDGER_AUTH_AUDIENCE", auth.audience());
        if (port != null) {
            childEnv.put("SERVER_PORT", port);
        }
        return start(name, jar, builder, services::add);
    }

    private ProcessBuilder processBuilder(String name, Path jar, List<String> jvmOptions) {
        return new ProcessBuilder(ClassDataSharing.command(javaBinary(), name, jar, jvmOptions))
                .directory(root.toFile())
                // The children's logs go straight to this terminal; no prefixing, Spring Boot's format is clear.
                .inheritIO();
    }

    /** Starts the process unless stopping began, and records it under the same lock, so a stop cannot miss it. */
    private Child start(String name, Path jar, ProcessBuilder builder, Consumer<Child> record) {
        synchronized (lifecycleLock) {
            if (stopping) {
                throw new StartupException("Stopping; not starting " + name, null);
            }
            try {
                Child child = new Child(name, builder.start());
                record.accept(child);
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
     * Polls a child's health endpoint. Any HTTP response counts: Spring Boot opens its HTTP port only after the
     * application context (the command side's schema migrations, the authorization server's signing key) is up,
     * which is all the next child needs; the health status itself may legitimately be DOWN for unrelated reasons.
     *
     * @return whether it answered; {@code false} on timeout or if the process died
     */
    private boolean waitUntilAnswers(Child child, int port, int waitSeconds, String next) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        LOG.info("Waiting for {} to answer on http://localhost:{}/actuator/health before starting {}", child.name,
                port, next);
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
     * Stops the services, then the database, then the authorization server: the reverse of their start, so nothing
     * is stopped while something started after it still runs. Idempotent, because both the shutdown hook (Ctrl-C)
     * and the main thread (a child crashed) call it.
     */
    void stopAll() {
        List<Child> servicesToStop;
        Child authServerToStop;
        EmbeddedPostgres postgres;
        synchronized (lifecycleLock) {
            stopping = true;
            servicesToStop = new ArrayList<>(services);
            services.clear();
            authServerToStop = authServer;
            authServer = null;
            postgres = embeddedPostgres;
            embeddedPostgres = null;
        }
        // Ask all services to stop first, then wait: they shut down in parallel rather than one after the other.
        servicesToStop.forEach(child -> child.process.destroy());
        servicesToStop.forEach(LocalRunner::stopChild);
        if (postgres != null) {
            try {
                postgres.close();
                LOG.info("Stopped embedded PostgreSQL");
            } catch (IOException e) {
                LOG.warn("Could not stop embedded PostgreSQL", e);
            }
        }
        if (authServerToStop != null) {
            authServerToStop.process.destroy();
            stopChild(authServerToStop);
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

    private void printBanner(int authPort, int commandPort, int queryPort, DatabaseSettings database) {
        String banner = String.join(System.lineSeparator(),
                "",
                "==================================================================",
                " Ledger is starting (run mode 1: local runner)",
                "   Tokens      : http://localhost:" + authPort
                        + "/oauth2/token   (demo clients: see the README)",
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
