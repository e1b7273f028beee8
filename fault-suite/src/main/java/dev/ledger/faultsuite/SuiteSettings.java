package dev.ledger.faultsuite;

import dev.ledger.faultsuite.process.LedgerSettings;
import dev.ledger.faultsuite.workload.WorkloadSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A run's settings from its arguments ({@code --quick}, {@code --seed N}, {@code --minutes M}, {@code --clients N},
 * {@code --accounts N}, {@code --keep}) and a few environment variables ({@code FAULTS_PG_BIN}, {@code FAULTS_PG_USER},
 * {@code FAULTS_SERVICE_JVM_OPTS}).
 *
 * @param quick        the CI run: one round of faults (every kind once), C1-compiled services
 * @param seed         draws the fault schedule and every client's operations
 * @param load         the full run's minimum load time (a quick run ends after its round)
 * @param minRounds    rounds of faults to complete whatever the time
 * @param scaleInAfter faults after which the second command side is stopped
 * @param repository   the repository root (jars, service-jvm.options)
 * @param keep         keep the database after the run (it is kept anyway after a violation)
 */
public record SuiteSettings(boolean quick, long seed, Duration load, int minRounds, int scaleInAfter, int clients,
                            int accounts, Duration clientTimeout, Duration reviewTimeout, long reviewThreshold,
                            Path repository, boolean keep) {

    static final long REVIEW_THRESHOLD = 50_000;

    static SuiteSettings parse(String[] args) {
        boolean quick = false;
        Long seed = null;
        Integer minutes = null;
        Integer clients = null;
        Integer accounts = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--accounts" -> accounts = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path repository = Path.of(System.getProperty("faults.repository", ".")).toAbsolutePath().normalize();
        return new SuiteSettings(quick, seed != null ? seed : System.currentTimeMillis() % 1_000_000,
                                 Duration.ofMinutes(minutes != null ? minutes : quick ? 0 : 10), quick ? 1 : 3,
                                 quick ? 4 : 2 * dev.ledger.faultsuite.faults.FaultKind.values().length,
                                 clients != null ? clients : 16, accounts != null ? accounts : quick ? 24 : 48,
                                 Duration.ofSeconds(5), Duration.ofSeconds(quick ? 20 : 30), REVIEW_THRESHOLD,
                                 repository, keep);
    }

    WorkloadSettings workload() {
        return new WorkloadSettings(clients, seed, accounts, 500_000, reviewThreshold, 0.05, 0.05, clientTimeout);
    }

    LedgerSettings ledger() {
        String bin = System.getenv().getOrDefault("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin");
        String user = System.getenv().getOrDefault("FAULTS_PG_USER", "postgres");
        // the quick run trades peak speed for start-up time (every kill is a start), as the benchmark's does
        List<String> serviceJvm = new java.util.ArrayList<>(
                quick ? List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                      : serviceJvmOptions());
        // appended, so they win (e.g. -Xmx1g to look past an OutOfMemoryError the suite found)
        String extra = System.getenv().getOrDefault("FAULTS_SERVICE_JVM_OPTS", "").strip();
        if (!extra.isEmpty()) {
            serviceJvm.addAll(List.of(extra.split("\\s+")));
        }
        return new LedgerSettings(repository, Path.of(bin), user, serviceJvm,
                                  List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                                  reviewThreshold, reviewTimeout, Duration.ofMinutes(5));
    }

    /** The options every run mode starts the services with (README, Configuration). */
    private List<String> serviceJvmOptions() {
        try {
            return Files.readAllLines(repository.resolve("service-jvm.options")).stream().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String replayCommand() {
        return "fault-suite/run.sh " + (quick ? "--quick " : "") + "--seed " + seed;
    }
}
