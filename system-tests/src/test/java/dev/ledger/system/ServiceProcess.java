package dev.ledger.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the ledger's services running as a real process from its executable jar, the way operators run it:
 * configured only through environment variables, stopped by a signal.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
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
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                                                       jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        ServiceProcess service = new ServiceProcess(name, builder.start(), port, log);
        service.awaitHealthy();
        return service;
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown hooks, no graceful close of anything; a crash as the operating system sees it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private void awaitHealthy() {
        await(name + " healthy (log: " + log + ")")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .failFast(name + " exited, see " + log, () -> !process.isAlive())
                .until(this::healthy);
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health"))
                                                                 .timeout(Duration.ofSeconds(2)).build(),
                                                      HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
