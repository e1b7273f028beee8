package dev.ledger.faultsuite.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the suite runs the ledger's processes.
 *
 * @param repository      the repository root, where the built jars are
 * @param postgresBinaries initdb, pg_ctl and postgres
 * @param postgresOsUser  the user PostgreSQL runs as when the suite runs as root
 * @param serviceJvm      JVM options of both services
 * @param authJvm         JVM options of the authorization server
 * @param reviewThreshold amount (minor units) from which a transfer waits for a compliance review
 * @param reviewTimeout   how long a review may wait before the ledger rejects the transfer itself
 * @param startTimeout    how long one start may take before the run gives up
 */
public record LedgerSettings(Path repository, Path postgresBinaries, String postgresOsUser, List<String> serviceJvm,
                             List<String> authJvm, long reviewThreshold, Duration reviewTimeout,
                             Duration startTimeout) {

    Path jar(String module) {
        Path jar = repository.resolve(module).resolve("target").resolve(module + ".jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException("missing " + jar + ": build first with  mvn -B -DskipTests package");
        }
        return jar;
    }
}
