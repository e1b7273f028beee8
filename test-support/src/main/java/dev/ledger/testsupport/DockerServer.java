package dev.ledger.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * {@link TestDatabase.Mode#DOCKER}: a Testcontainers {@code postgres:15-alpine} container, when a Docker engine is
 * reachable. Closest to production (same major version) and leaves nothing behind.
 */
final class DockerServer implements ServerSource {

    private static final Logger LOG = LoggerFactory.getLogger(DockerServer.class);
    private static final String DOCKER_IMAGE = "postgres:15-alpine";
    /** Generous: Testcontainers normally answers in well under a second, but a slow remote engine may not. */
    private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(20);

    @Override
    public Optional<DatabaseServer> obtain(boolean required) {
        if (!dockerAvailable(required)) {
            if (required) {
                throw new IllegalStateException(TestDatabase.MODE_SWITCH + "=docker but no Docker engine is reachable");
            }
            return Optional.empty();
        }
        // PostgreSQLContainer is self-typed (SELF extends PostgreSQLContainer<SELF>), hence the wildcard.
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DOCKER_IMAGE);
        container.start();
        LOG.info("Test database mode DOCKER: {} container at {}", DOCKER_IMAGE, container.getJdbcUrl());
        return Optional.of(new DatabaseServer(TestDatabase.Mode.DOCKER, container.getJdbcUrl(),
                                              container.getUsername(), container.getPassword(), container::stop));
    }

    /**
     * Asks Testcontainers whether a Docker engine answers. Runs on a separate daemon thread with a timeout and
     * catches everything (including {@link NoClassDefFoundError} if a consumer excluded Testcontainers) because the
     * whole point of the fallbacks is that a missing or broken Docker must never fail or stall a test run.
     */
    private static boolean dockerAvailable(boolean forced) {
        if (!forced) {
            // Testcontainers logs at ERROR when it finds no engine; say up front that this is expected and harmless.
            LOG.info("Probing for a Docker engine (a Testcontainers 'Could not find a valid Docker environment' "
                    + "error right after this only means Docker is absent; another PostgreSQL will be used)");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "docker-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Boolean> probe = executor.submit(() -> DockerClientFactory.instance().isDockerAvailable());
            boolean available = probe.get(DOCKER_PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.debug("Docker engine available: {}", available);
            return available;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Throwable e) {
            LOG.debug("Docker probe failed, treating Docker as absent", e);
            return false;
        } finally {
            executor.shutdownNow();
        }
    }
}
