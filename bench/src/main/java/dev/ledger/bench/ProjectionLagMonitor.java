package dev.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Projection lag over time: {@code GET /admin/processors} once a second, what each processor says (position,
 * lagEvents, lagSeconds, replaying) kept as a timeline tagged with the phase running at that moment.
 */
final class ProjectionLagMonitor {

    private final LedgerHttp http;
    private final URI processorsUri;
    private final StatusCounts statuses = new StatusCounts();
    private final ArrayNode timeline = LedgerHttp.JSON.createArrayNode();
    private final Map<String, Map<String, Long>> maxLagEventsByPhase = new TreeMap<>();
    private final Map<String, Map<String, Double>> maxLagSecondsByPhase = new TreeMap<>();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-lag");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String phase = "idle";

    ProjectionLagMonitor(LedgerHttp http, URI queryUri) {
        this.http = http;
        this.processorsUri = queryUri.resolve("/admin/processors");
    }

    void start() {
        clock.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    void phase(String name) {
        phase = name;
    }

    private void sample() {
        LedgerHttp.Answer answer = http.get(processorsUri, statuses);
        ObjectNode point = LedgerHttp.JSON.createObjectNode();
        point.put("t", Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0);
        point.put("phase", phase);
        point.put("status", answer.status());
        JsonNode body = answer.body();
        point.set("headPosition", body.path("eventStore").path("headPosition"));
        ObjectNode processors = point.putObject("processors");
        for (JsonNode processor : body.path("processors")) {
            ObjectNode brief = processors.putObject(processor.path("name").asText());
            for (String field : new String[] {"position", "lagEvents", "lagSeconds", "replaying", "error"}) {
                brief.set(field, processor.path(field));
            }
            synchronized (this) {
                maxLagEventsByPhase.computeIfAbsent(phase, p -> new TreeMap<>())
                                   .merge(processor.path("name").asText(), processor.path("lagEvents").asLong(0),
                                          Math::max);
                maxLagSecondsByPhase.computeIfAbsent(phase, p -> new TreeMap<>())
                                    .merge(processor.path("name").asText(), processor.path("lagSeconds").asDouble(0),
                                           Math::max);
            }
        }
        synchronized (this) {
            timeline.add(point);
        }
    }

    /** Waits until no processor lags the event store's head; false when the wait ran out or the status is unknown. */
    boolean awaitCaughtUp(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            LedgerHttp.Answer answer = http.get(processorsUri, statuses);
            boolean caughtUp = answer.status() == 200 && answer.body().path("processors").size() > 0;
            for (JsonNode processor : answer.body().path("processors")) {
                caughtUp &= processor.path("lagEvents").asLong(1) == 0;
            }
            if (caughtUp) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    synchronized Map<String, Long> maxLagEvents(String phaseName) {
        return new TreeMap<>(maxLagEventsByPhase.getOrDefault(phaseName, Map.of()));
    }

    synchronized Map<String, Double> maxLagSeconds(String phaseName) {
        return new TreeMap<>(maxLagSecondsByPhase.getOrDefault(phaseName, Map.of()));
    }

    synchronized ArrayNode timeline() {
        return timeline.deepCopy();
    }

    Map<Integer, Long> statuses() {
        return statuses.snapshot();
    }

    void stop() {
        clock.shutdownNow();
    }
}
