package dev.ledger.runner;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the runner reads from its environment, each default in one place. The repository root is the working
 * directory the runner was started in.
 */
record RunnerSettings(Path root, Map<String, String> env) {

    static final int DEFAULT_EMBEDDED_PG_PORT = 54329;
    static final int DEFAULT_AUTH_PORT = 9000;
    static final int DEFAULT_COMMAND_PORT = 8080;
    static final int DEFAULT_QUERY_PORT = 8081;
    static final int DEFAULT_HEALTH_WAIT_SECONDS = 120;
    /** The {@code aud} the authorization server writes into tokens and the services require. */
    static final String DEFAULT_AUDIENCE = "ledger-api";

    /** Where the services find the authorization server, and the audience its tokens name. */
    record AuthSettings(String issuer, String audience) {
    }

    int authPort() {
        return number("AUTH_PORT", DEFAULT_AUTH_PORT);
    }

    int commandPort() {
        return number("COMMAND_PORT", DEFAULT_COMMAND_PORT);
    }

    int queryPort() {
        return number("QUERY_PORT", DEFAULT_QUERY_PORT);
    }

    /**
     * The port a service child is told through {@code SERVER_PORT}, as given; {@code null} leaves the service on its
     * own default.
     */
    String portOverride(String variable) {
        return env.get(variable);
    }

    int healthWaitSeconds() {
        return number("LEDGER_STARTUP_WAIT_SECONDS", DEFAULT_HEALTH_WAIT_SECONDS);
    }

    int embeddedPostgresPort() {
        return number("LEDGER_EMBEDDED_PG_PORT", DEFAULT_EMBEDDED_PG_PORT);
    }

    AuthSettings auth() {
        return new AuthSettings("http://localhost:" + authPort(), env.getOrDefault("LEDGER_AUTH_AUDIENCE",
                                                                                   DEFAULT_AUDIENCE));
    }

    /** {@code <repo root>/.ledger-data} or env {@code LEDGER_DATA_DIR}: the database and the signing key. */
    Path dataDir() {
        return env.get("LEDGER_DATA_DIR") != null
                ? Path.of(env.get("LEDGER_DATA_DIR")).toAbsolutePath()
                : root.resolve(".ledger-data");
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
}
