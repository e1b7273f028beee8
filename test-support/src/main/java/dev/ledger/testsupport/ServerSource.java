package dev.ledger.testsupport;

import java.util.Optional;

/** One way to obtain the PostgreSQL server of a test run; {@link ServerSelector} tries them in order. */
interface ServerSource {

    /**
     * @param required whether this source was forced or configured, so that failing is an error; otherwise a
     *                 source that is not available here answers empty and the next one is tried
     * @return the server, never empty when {@code required}
     * @throws IllegalStateException if the source was required and could not deliver, or failed while starting
     */
    Optional<DatabaseServer> obtain(boolean required);

    static ServerSource of(TestDatabase.Mode mode) {
        return switch (mode) {
            case DOCKER -> new DockerServer();
            case LOCAL -> new LocalServer();
            case EMBEDDED -> new EmbeddedServer();
        };
    }
}
