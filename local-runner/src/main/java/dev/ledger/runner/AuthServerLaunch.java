package dev.ledger.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The authorization server ({@code auth-server.jar}), the identity provider that issues the bearer tokens every
 * endpoint requires. Its signing key is kept in {@code <data dir>/auth-server/}, so tokens survive a restart like the
 * data does.
 */
final class AuthServerLaunch {

    /**
     * A few token requests per run: 128 MB and the serial collector are plenty, and the C1 compiler alone starts it
     * with less CPU while the database starts beside it.
     */
    static final List<String> AUTH_SERVER_JVM_OPTIONS =
            List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private AuthServerLaunch() {
    }

    /**
     * The issuer and audience the services are given are set here rather than inherited, so that a stray
     * {@code LEDGER_AUTH_ISSUER_URI} in the shell cannot make the two disagree.
     */
    static ChildLaunch launch(RunnerSettings settings, Path jar) {
        ChildLaunch launch = ChildLaunch.of(settings.root(), "auth-server", jar, AUTH_SERVER_JVM_OPTIONS);
        Map<String, String> childEnv = launch.builder().environment();
        RunnerSettings.AuthSettings auth = settings.auth();
        childEnv.put("SERVER_PORT", Integer.toString(settings.authPort()));
        childEnv.put("LEDGER_DATA_DIR", settings.dataDir().toString());
        childEnv.put("LEDGER_AUTH_ISSUER_URI", auth.issuer());
        childEnv.put("LEDGER_AUTH_AUDIENCE", auth.audience());
        return launch;
    }
}
