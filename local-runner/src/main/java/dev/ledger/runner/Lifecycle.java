package dev.ledger.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.ledger.launcher.ChildProcess;
import dev.ledger.launcher.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runner has started, and stopping it: the services, then the database, then the authorization server, the
 * reverse of their start, so nothing is stopped while something started after it still runs. Starting and recording
 * happen under one lock with the stop, so a stop that began (Ctrl-C during start-up) cannot miss a child.
 */
final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final Duration CHILD_STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Object lock = new Object();
    /** The services, in the order started; stopped before the authorization server. */
    private final List<ChildProcess> services = new ArrayList<>();
    private ChildProcess authServer;
    private EmbeddedPostgresServer embeddedPostgres;
    /** Set once stopping began, so a child exiting because we stopped it is not reported as a crash. */
    private volatile boolean stopping;

    boolean stopping() {
        return stopping;
    }

    ChildProcess startAuthServer(Path jar, ChildLaunch launch) {
        return start("auth-server", jar, launch, child -> authServer = child);
    }

    ChildProcess startService(String name, Path jar, ChildLaunch launch) {
        return start(name, jar, launch, services::add);
    }

    void databaseStarted(EmbeddedPostgresServer postgres) {
        synchronized (lock) {
            embeddedPostgres = postgres;
        }
    }

    /** Starts the process unless stopping began, and records it under the same lock, so a stop cannot miss it. */
    private ChildProcess start(String name, Path jar, ChildLaunch launch, Consumer<ChildProcess> record) {
        synchronized (lock) {
            if (stopping) {
                throw new StartupException("Stopping; not starting " + name, null);
            }
            try {
                ChildProcess child = launch.start(name);
                record.accept(child);
                LOG.info("Started {} (pid {}) from {}", name, child.process().pid(), jar);
                return child;
            } catch (IOException e) {
                throw new StartupException("Could not start " + name + " from " + jar, e);
            }
        }
    }

    /** Idempotent, because both the shutdown hook (Ctrl-C) and the main thread (a child crashed) call it. */
    void stopAll() {
        List<ChildProcess> servicesToStop;
        ChildProcess authServerToStop;
        EmbeddedPostgresServer postgres;
        synchronized (lock) {
            stopping = true;
            servicesToStop = new ArrayList<>(services);
            services.clear();
            authServerToStop = authServer;
            authServer = null;
            postgres = embeddedPostgres;
            embeddedPostgres = null;
        }
        // Ask all services to stop first, then wait: they shut down in parallel rather than one after the other.
        servicesToStop.forEach(ChildProcess::askToStop);
        servicesToStop.forEach(Lifecycle::awaitStop);
        if (postgres != null) {
            try {
                postgres.close();
                LOG.info("Stopped embedded PostgreSQL");
            } catch (IOException e) {
                LOG.warn("Could not stop embedded PostgreSQL", e);
            }
        }
        if (authServerToStop != null) {
            authServerToStop.askToStop();
            awaitStop(authServerToStop);
        }
    }

    private static void awaitStop(ChildProcess child) {
        if (!child.awaitStop(CHILD_STOP_TIMEOUT)) {
            LOG.warn("{} did not stop within {} s; killed it", child.name(), CHILD_STOP_TIMEOUT.toSeconds());
        }
        LOG.info("Stopped {}", child.name());
    }
}
