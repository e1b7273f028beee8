package dev.ledger.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Asks a child's {@code /actuator/health} on localhost until it gives the answer its starter waits for. What counts
 * is the starter's to say: the local runner takes any HTTP answer (Spring Boot opens its port only once the
 * application context is up, which is all the next child needs), the system tests want {@code 200} and {@code UP}.
 */
public final class HealthCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final URI uri;

    public HealthCheck(int port) {
        this.uri = URI.create("http://localhost:" + port + "/actuator/health");
    }

    public URI uri() {
        return uri;
    }

    /**
     * Asks every {@code interval} until {@code ready} accepts an answer.
     *
     * @param child   the process that should answer; the wait ends when it exits
     * @param giveUp  ends the wait early when it says so (e.g. the starter is stopping)
     * @return the accepted answer, or empty on timeout, when the child exited, on {@code giveUp} or when interrupted
     *         (the interrupt flag is then set again)
     */
    public Optional<HttpResponse<String>> await(ChildProcess child, Duration timeout, Duration interval,
                                                Predicate<HttpResponse<String>> ready, BooleanSupplier giveUp) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && child.isAlive() && !giveUp.getAsBoolean()) {
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (ready.test(response)) {
                    return Optional.of(response);
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
