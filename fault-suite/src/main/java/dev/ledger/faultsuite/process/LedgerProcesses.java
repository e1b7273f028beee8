package dev.ledger.faultsuite.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole ledger under test: the suite's PostgreSQL, the authorization server, one query side and two command-side
 * instances ({@code command-a} always, {@code command-b} for the first part of the run), each a real process on a
 * fixed port. Clients reach the command side through {@link #commandRotation()}, like a load balancer without health
 * checks: a killed instance stays in it and its requests fail until it is back.
 */
public final class LedgerProcesses implements AutoCloseable {

    public static final String SUITE_CLIENT = "fault-suite";
    public static final String SUITE_SECRET = "fault-suite-secret";
    public static final String COMPLIANCE_CLIENT = "ledger-compliance";
    public static final String COMPLIANCE_SECRET = "compliance-secret";
    /** Every read model of the query side, each its own processor (README, Operations). */
    public static final List<String> READ_MODELS = List.of("account-summary", "account-statement", "transfers");

    private final LedgerSettings settings;
    private final PostgresCluster postgres;
    private final JavaService auth;
    private final JavaService commandA;
    private final JavaService commandB;
    private final JavaService query;
    private volatile List<JavaService> rotation;
    private final Path logs;

    private LedgerProcesses(LedgerSettings settings, PostgresCluster postgres, JavaService auth, JavaService commandA,
                            JavaService commandB, JavaService query, Path logs) {
        this.logs = logs;
        this.settings = settings;
        this.postgres = postgres;
        this.auth = auth;
        this.commandA = commandA;
        this.commandB = commandB;
        this.query = query;
        this.rotation = List.of(commandA, commandB);
    }

    /**
     * Creates the database and starts everything, in the local runner's order: the authorization server and the
     * first command side (which migrates the event store) together, then the query side and the second command side.
     */
    public static LedgerProcesses start(LedgerSettings settings, Path runDirectory) throws Exception {
        Path logs = Files.createDirectories(runDirectory.resolve("logs"));
        PostgresCluster postgres = PostgresCluster.create(settings.postgresBinaries(), settings.postgresOsUser(),
                                                          logs.resolve("postgres.log"));
        int authPort = FreePort.find();
        String issuer = "http://127.0.0.1:" + authPort;
        JavaService auth = new JavaService("auth-server", "auth-server", settings.jar("auth-server"),
                settings.authJvm(), authArguments(issuer),
                Map.of("LEDGER_DATA_DIR", Files.createDirectories(runDirectory.resolve("auth-data")).toString(),
                       "LEDGER_AUTH_ISSUER_URI", issuer), authPort, logs);
        Map<String, String> env = Map.of("LEDGER_DB_URL", postgres.jdbcUrl(), "LEDGER_DB_USER", "postgres",
                                         "LEDGER_DB_PASSWORD", "", "LEDGER_AUTH_ISSUER_URI", issuer);
        List<String> commandArguments = commandArguments(settings);
        // a service that runs out of memory under the workload leaves the evidence next to its log
        List<String> serviceJvm = new ArrayList<>(settings.serviceJvm());
        serviceJvm.addAll(List.of("-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + logs));
        JavaService commandA = new JavaService("command-a", "command-side", settings.jar("command-side"),
                                               serviceJvm, commandArguments, env, FreePort.find(), logs);
        JavaService commandB = new JavaService("command-b", "command-side", settings.jar("command-side"),
                                               serviceJvm, commandArguments, env, FreePort.find(), logs);
        JavaService query = new JavaService("query-side", "query-side", settings.jar("query-side"), serviceJvm,
                                            rateLimitsOff(), env, FreePort.find(), logs);
        LedgerProcesses ledger = new LedgerProcesses(settings, postgres, auth, commandA, commandB, query, logs);
        try {
            ledger.startTogether(auth, commandA);
            ledger.startTogether(query, commandB);
            return ledger;
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    private void startTogether(JavaService... services) {
        for (JavaService service : services) {
            service.start();
        }
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (JavaService service : services) {
            waits.add(CompletableFuture.runAsync(() -> service.awaitServing(settings.startTimeout())));
        }
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
    }

    private static List<String> authArguments(String issuer) {
        return List.of("--ledger.auth-server.issuer=" + issuer,
                       // one token per client for the whole run, also across restarts of the server
                       "--ledger.auth-server.token-ttl=12h",
                       "--ledger.auth-server.clients." + SUITE_CLIENT + ".secret=" + SUITE_SECRET,
                       "--ledger.auth-server.clients." + SUITE_CLIENT
                       + ".scopes=ledger.holder,ledger.treasury,ledger.operator,ledger.auditor");
    }

    private static List<String> commandArguments(LedgerSettings settings) {
        List<String> arguments = new ArrayList<>(rateLimitsOff());
        for (String currency : List.of("EUR", "USD")) {
            arguments.add("--ledger.screening.amount-thresholds." + currency + "=" + settings.reviewThreshold());
            // the velocity rule would send every busy account's transfers to review after the hundredth in an hour
            arguments.add("--ledger.screening.velocity-max-sums." + currency + "=1000000000000000");
        }
        arguments.add("--ledger.screening.velocity-max-count=1000000000");
        arguments.add("--ledger.screening.review-timeout=" + settings.reviewTimeout().toSeconds() + "s");
        return arguments;
    }

    /** Sixteen clients share two callers; the per-caller limit would measure the limiter, not the ledger. */
    private static List<String> rateLimitsOff() {
        return List.of("--ledger.limits.rate.requests-per-second=1000000", "--ledger.limits.rate.burst=1000000");
    }

    /** The command-side instances clients send to now. */
    public List<Endpoint> commandRotation() {
        return rotation.stream().map(LedgerProcesses::endpoint).toList();
    }

    /** The instances a fault may hit now. */
    public List<JavaService> commandSides() {
        return rotation;
    }

    /** Takes the second command side out of rotation and stops it gracefully: the run goes on with one node. */
    public void scaleIn() {
        rotation = List.of(commandA);
        commandB.stop();
    }

    public boolean scaledOut() {
        return rotation.size() > 1;
    }

    public Endpoint queryEndpoint() {
        return endpoint(query);
    }

    public String issuer() {
        return "http://127.0.0.1:" + auth.port();
    }

    public PostgresCluster postgres() {
        return postgres;
    }

    public JavaService auth() {
        return auth;
    }

    public JavaService query() {
        return query;
    }

    public Duration startTimeout() {
        return settings.startTimeout();
    }

    /** Every process that should be running now. */
    public List<JavaService> expectedRunning() {
        List<JavaService> services = new ArrayList<>(List.of(auth, query));
        services.addAll(rotation);
        return services;
    }

    public Path logs() {
        return logs;
    }

    /** After the faults: anything expected that is not running (a restart that failed) is started again. */
    public void ensureRunning() {
        for (JavaService service : expectedRunning()) {
            if (!service.alive()) {
                service.start();
            }
        }
        for (JavaService service : expectedRunning()) {
            service.awaitServing(settings.startTimeout());
        }
    }

    private static Endpoint endpoint(JavaService service) {
        return new Endpoint(service.name(), service.uri(""));
    }

    /** Stops the services gracefully, then the authorization server and PostgreSQL. */
    @Override
    public void close() {
        for (JavaService service : List.of(commandA, commandB, query, auth)) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                service.kill();
            }
        }
        postgres.close();
    }
}
