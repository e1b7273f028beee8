package dev.ledger.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChildProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ChildProcess child;
    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.kill();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldWaitUntilTheHealthAnswerIsTheOneTheStarterWaitsFor() throws Exception {
        child = sleeper();
        AtomicInteger asked = new AtomicInteger();
        server = health(() -> asked.incrementAndGet() < 3 ? "{\"status\":\"DOWN\"}" : "{\"status\":\"UP\"}");

        Optional<HttpResponse<String>> answer = new HealthCheck(server.getAddress().getPort())
                .await(child, PATIENCE, Duration.ofMillis(10), response -> response.body().contains("UP"), () -> false);

        assertThat(answer).map(HttpResponse::body).contains("{\"status\":\"UP\"}");
        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldStopWaitingWhenTheChildExitsOrTheStarterGivesUp() throws Exception {
        child = sleeper();
        server = health(() -> "{\"status\":\"DOWN\"}");
        HealthCheck check = new HealthCheck(server.getAddress().getPort());

        assertThat(check.await(child, PATIENCE, Duration.ofMillis(10), response -> false, () -> true)).isEmpty();
        child.kill();
        assertThat(check.await(child, PATIENCE, Duration.ofMillis(10), response -> true, () -> false)).isEmpty();
    }

    @Test
    void shouldLetAChildStopByItselfWhenAskedAndKillOneThatDoesNot() throws Exception {
        child = sleeper();
        child.askToStop();
        assertThat(child.awaitStop(PATIENCE)).isTrue();

        child = ChildProcess.start("stubborn", new ProcessBuilder(command(Sleeper.class.getName(), "stubborn")));
        // its first line says the hook is installed
        assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(child.process().getInputStream()))
                           .readLine()).isEqualTo("ready");
        child.askToStop();
        assertThat(child.awaitStop(Duration.ofMillis(500))).isFalse();
        assertThat(child.isAlive()).isFalse();
    }

    private static ChildProcess sleeper() throws Exception {
        return ChildProcess.start("sleeper", new ProcessBuilder(command(Sleeper.class.getName())));
    }

    private static List<String> command(String... arguments) {
        List<String> command = new java.util.ArrayList<>(
                List.of(ChildProcess.javaBinary(), "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(arguments));
        return command;
    }

    private static HttpServer health(java.util.function.Supplier<String> body) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/actuator/health", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
        return http;
    }

    /** A child that sleeps; with "stubborn", one whose shutdown hook outlasts any grace period. */
    public static final class Sleeper {

        public static void main(String[] args) throws InterruptedException {
            if (args.length > 0) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                System.out.println("ready");
            }
            Thread.sleep(60_000);
        }
    }
}
