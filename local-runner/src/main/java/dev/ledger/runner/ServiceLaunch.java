package dev.ledger.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A service ({@code command-side.jar}, {@code query-side.jar}) in its own JVM, exactly as it would be deployed:
 * with {@code @service-jvm.options}, the java argument file every run mode shares, and only the database settings,
 * where to find the authorization server and, if asked for, the port handed over as env vars.
 */
final class ServiceLaunch {

    private ServiceLaunch() {
    }

    /**
     * @param port the child's {@code SERVER_PORT}, or {@code null} for the service's default
     */
    static ChildLaunch launch(RunnerSettings settings, String name, Path jar, DatabaseSettings database,
                              String port) {
        Path options = settings.root().resolve("service-jvm.options");
        ChildLaunch launch = ChildLaunch.of(settings.root(), name, jar,
                                            Files.isRegularFile(options) ? List.of("@" + options) : List.of());
        Map<String, String> childEnv = launch.builder().environment();
        putIfNotNull(childEnv, "LEDGER_DB_URL", database.url());
        putIfNotNull(childEnv, "LEDGER_DB_USER", database.user());
        putIfNotNull(childEnv, "LEDGER_DB_PASSWORD", database.password());
        RunnerSettings.AuthSettings auth = settings.auth();
        childEnv.put("LEDGER_AUTH_ISSUER_URI", auth.issuer());
        childEnv.put("LEDGER_AUTH_AUDIENCE", auth.audience());
        if (port != null) {
            childEnv.put("SERVER_PORT", port);
        }
        return launch;
    }

    private static void putIfNotNull(Map<String, String> target, String key, String value) {
        if (value != null) {
            target.put(key, value);
        }
    }
}
