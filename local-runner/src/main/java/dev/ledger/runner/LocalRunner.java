package dev.ledger.runner;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

import dev.ledger.launcher.ChildProcess;
import dev.ledger.launcher.HealthCheck;
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
 *     {@code LEDGER_EMBEDDED_PG_PORT}, default {@value RunnerSettings#DEFAULT_EMBEDDED_PG_PORT} (fixed rather than
 *     random so that {@code psql -h localhost -p 54329 -U postgres ledger} works for poking around).</li>
 *     <li><b>Authorization server.</b> {@code auth-server.jar}, the identity provider that issues the bearer tokens
 *     every endpoint requires, runs as a child process on port {@value RunnerSettings#DEFAULT_AUTH_PORT} (env
 *     {@code AUTH_PORT}). Its signing key is kept in {@code <data dir>/auth-server/}, so tokens survive a restart
 *     like the data does. It gets a small heap and the serial collector: it answers a few token requests per run,
 *     not the traffic.</li>
 *     <li><b>Services.</b> {@code command-side.jar} and {@code query-side.jar} run as child processes of this JVM,
 *     each with its own JVM, exactly as they would be deployed; only the database settings and where to find the
 *     authorization server ({@code LEDGER_AUTH_ISSUER_URI}, {@code LEDGER_AUTH_AUDIENCE}) are handed over as env
 *     vars. Ports are the services' defaults (8080 / 8081) unless env {@code COMMAND_PORT} / {@code QUERY_PORT} are
 *     set, in which case that child gets {@code SERVER_PORT}.</li>
 *     <li><b>Order.</b> The authorization server needs no database, so it is started first and boots while the
 *     database starts; the services are started once it answers HTTP, so that the first request with a token
 *     finds its keys. The command side owns the event-store schema migrations that the query side reads, so the
 *     query side is started only once the command side answers HTTP. Each wait lasts up to
 *     {@value RunnerSettings#DEFAULT_HEALTH_WAIT_SECONDS} s (env {@code LEDGER_STARTUP_WAIT_SECONDS} for very slow
 *     machines).</li>
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
 *
 * <p>This class keeps the order; each part has its own: {@link RunnerSettings} (the environment),
 * {@link EmbeddedDatabase}, {@link AuthServerLaunch}, {@link ServiceLaunch}, {@link ChildLaunch} (with the
 * launcher's class data sharing) and {@link Lifecycle} (what was started, stopped in reverse on every path).
 */
public final class LocalRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);
    /** Between two health requests while waiting for a child. */
    private static final Duration HEALTH_POLL = Duration.ofSeconds(1);

    private final RunnerSettings settings;
    private final Lifecycle lifecycle = new Lifecycle();

    LocalRunner(Path root, Map<String, String> env) {
        this.settings = new RunnerSettings(root, env);
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
        Path authJar = ChildLaunch.requireJar(settings.root(), "auth-server");
        Path commandJar = ChildLaunch.requireJar(settings.root(), "command-side");
        Path queryJar = ChildLaunch.requireJar(settings.root(), "query-side");

        // Registered before anything is started so that nothing can be left behind by an early Ctrl-C.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-runner-shutdown"));

        int authPort = settings.authPort();
        int commandPort = settings.commandPort();
        int queryPort = settings.queryPort();
        int healthWaitSeconds = settings.healthWaitSeconds();

        ChildProcess authServer = lifecycle.startAuthServer(authJar, AuthServerLaunch.launch(settings, authJar));
        DatabaseSettings database = DatabaseSettings.configured(settings.env())
                ? DatabaseSettings.external(settings.env())
                : EmbeddedDatabase.start(settings, lifecycle::databaseStarted);
        OptionalInt exit = awaitBeforeStarting("the services", authServer, authPort, healthWaitSeconds,
                                               "requests with a token fail until it answers");
        if (exit.isPresent()) {
            return exit.getAsInt();
        }

        ChildProcess command = lifecycle.startService("command-side", commandJar, ServiceLaunch.launch(
                settings, "command-side", commandJar, database, settings.portOverride("COMMAND_PORT")));
        exit = awaitBeforeStarting("query-side", command, commandPort, healthWaitSeconds,
                                   "it may fail if the event-store schema is not there yet");
        if (exit.isPresent()) {
            return exit.getAsInt();
        }
        ChildProcess query = lifecycle.startService("query-side", queryJar, ServiceLaunch.launch(
                settings, "query-side", queryJar, database, settings.portOverride("QUERY_PORT")));

        printBanner(authPort, commandPort, queryPort, database);

        List<ChildProcess> all = List.of(authServer, command, query);
        CompletableFuture.anyOf(all.stream().map(child -> child.process().onExit())
                                   .toArray(CompletableFuture[]::new))
                .join();
        // On Ctrl-C in a terminal the children receive SIGINT too and may exit just before our shutdown hook has
        // marked the stop; give the hook that moment so that a plain Ctrl-C is not reported as a crash.
        sleep(Duration.ofMillis(500));
        if (lifecycle.stopping()) {
            // Ctrl-C: the shutdown hook is stopping everything and decides when the JVM ends.
            return 0;
        }
        return reportUnexpectedExit(all.stream().filter(child -> !child.isAlive()).findFirst().orElseThrow());
    }

    /** Stops whatever was started; see {@link Lifecycle#stopAll()}. */
    void stopAll() {
        lifecycle.stopAll();
    }

    /**
     * Waits until {@code child} answers before the runner starts what comes next.
     *
     * @return an exit code if the runner must end here (stopping, or the child died), empty to go on; a child that
     *         merely does not answer in time is reported with {@code risk} and the runner goes on
     */
    private OptionalInt awaitBeforeStarting(String next, ChildProcess child, int port, int waitSeconds,
                                            String risk) {
        if (waitUntilAnswers(child, port, waitSeconds, next)) {
            return OptionalInt.empty();
        }
        if (lifecycle.stopping()) {
            return OptionalInt.of(0);
        }
        if (!child.isAlive()) {
            return OptionalInt.of(reportUnexpectedExit(child));
        }
        LOG.warn("{} did not answer http://localhost:{}/actuator/health within {} s; starting {} anyway, {}",
                child.name(), port, waitSeconds, next, risk);
        return OptionalInt.empty();
    }

    /**
     * Polls a child's health endpoint. Any HTTP response counts: Spring Boot opens its HTTP port only after the
     * application context (the command side's schema migrations, the authorization server's signing key) is up,
     * which is all the next child needs; the health status itself may legitimately be DOWN for unrelated reasons.
     *
     * @return whether it answered; {@code false} on timeout or if the process died
     */
    private boolean waitUntilAnswers(ChildProcess child, int port, int waitSeconds, String next) {
        LOG.info("Waiting for {} to answer on http://localhost:{}/actuator/health before starting {}", child.name(),
                port, next);
        Optional<HttpResponse<String>> answer = new HealthCheck(port).await(
                child, Duration.ofSeconds(waitSeconds), HEALTH_POLL, response -> true, lifecycle::stopping);
        answer.filter(response -> response.statusCode() / 100 != 2)
              .ifPresent(response -> LOG.warn("{} answered health with HTTP {}: {}", child.name(),
                                              response.statusCode(), response.body()));
        return answer.isPresent();
    }

    private int reportUnexpectedExit(ChildProcess child) {
        LOG.error("{} exited on its own with code {}; stopping everything", child.name(),
                  child.process().exitValue());
        return 1;
    }

    private static void printBanner(int authPort, int commandPort, int queryPort, DatabaseSettings database) {
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
