package dev.ledger.system;

import dev.ledger.launcher.ChildProcess;
import dev.ledger.launcher.ClassDataSharing;
import dev.ledger.launcher.HealthCheck;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One of the ledger's services running as a real process from its executable jar, the way operators run it:
 * configured only through environment variables, stopped by a signal. Started with class data sharing (as the local
 * runner does): the first start of a module in a build writes the archive when it stops, and every later one (here,
 * in the benchmark and in the fault suite) maps it, about half the start-up time on a busy machine.
 */
final class ServiceProcess implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** Generous: a first start of the build writes its class data archive on the way out (20 s on a busy machine). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final int port;
    private final Path log;

    private ServiceProcess(ChildProcess process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar named by system property {@code jarProperty} and waits until its health endpoint is UP. */
    static ServiceProcess start(String name, String jarProperty, Map<String, String> env) throws IOException {
        return start(name, jarProperty, env, freePort());
    }

    /** Starts on a given port, e.g. to bring a killed service back where its clients expect it. */
    static ServiceProcess start(String name, String jarProperty, Map<String, String> env, int port)
            throws IOException {
        Path jar = Path.of(System.getProperty(jarProperty, "")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " jar not found at " + jar + " (build it: mvn -DskipTests package)");
        }
        Path log = Path.of("target", name + "-" + port + "-" + System.nanoTime() + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder()
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        String module = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        ServiceProcess service = new ServiceProcess(
                ChildProcess.start(name, builder, ClassDataSharing.of(module, jar), JVM_OPTIONS), port, log);
        service.awaitHealthy();
        return service;
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown hooks, no graceful close of anything; a crash as the operating system sees it. */
    void kill() throws InterruptedException {
        process.kill();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private void awaitHealthy() {
        boolean healthy = new HealthCheck(port)
                .await(process, START_TIMEOUT, Duration.ofMillis(500),
                       response -> response.statusCode() == 200 && response.body().contains("\"UP\""), () -> false)
                .isPresent();
        if (!healthy) {
            String what = process.isAlive() ? " not healthy within " + START_TIMEOUT.toSeconds() + " s" : " exited";
            throw new IllegalStateException(process.name() + what + ", see " + log);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        askToStop();
        awaitStop();
    }

    /** SIGTERM, returning at once: stop several services at the same time with this, then {@link #awaitStop()}. */
    void askToStop() {
        process.askToStop();
    }

    void awaitStop() {
        process.awaitStop(STOP_TIMEOUT);
    }
}
