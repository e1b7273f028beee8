package dev.ledger.command.backpressure;

import dev.ledger.platform.tokens.TokenTable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Samples the lag of the watched processors on a thread of its own, every {@code sample-interval}, so a request
 * only reads the latest {@link LagSnapshot} (a volatile field) and never waits for the database because of
 * backpressure. Its own thread, not Spring's shared scheduler: that one also runs the idempotency clean-up, and a
 * long delete must not make the samples stale. Publishes {@code ledger.pipeline.lag} per processor.
 */
class PipelineLagSampler implements SmartLifecycle {

    static final String LAG_METRIC = "ledger.pipeline.lag";

    private static final Logger log = LoggerFactory.getLogger(PipelineLagSampler.class);
    /** Weight of the newest rate: over samples 250 ms apart, the rate follows the last 2 to 3 seconds. */
    private static final double SMOOTHING = 0.1;

    private final Supplier<Long> head;
    private final Map<String, TokenTable> tables;
    private final List<BackpressureProperties.Watch> watches;
    private final Duration interval;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, DrainRate> rates = new HashMap<>();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();
    private volatile LagSnapshot latest = LagSnapshot.NONE;
    private ScheduledExecutorService executor;

    /**
     * @param head   reads the event store's newest position ({@code null} when empty), with a timeout
     * @param tables the watched token tables by name, reading with a timeout
     */
    PipelineLagSampler(Supplier<Long> head, Map<String, TokenTable> tables, BackpressureProperties properties,
                       MeterRegistry registry, Clock clock) {
        this.head = head;
        this.tables = Map.copyOf(tables);
        this.watches = properties.watches();
        this.interval = properties.sampleInterval();
        this.registry = registry;
        this.clock = clock;
        // named processors have a gauge from the start; those found through "*" get theirs when first seen
        watches.stream().filter(watch -> !watch.everyProcessor())
               .forEach(watch -> gauge(watch.tokenTable(), watch.processor()));
    }

    /** The newest sample; {@link LagSnapshot#NONE} before the first. */
    LagSnapshot latest() {
        return latest;
    }

    /** Takes one sample now. Called by the sampling thread; tests call it to avoid waiting for the next round. */
    synchronized LagSnapshot sample() {
        Instant now = clock.instant();
        Long headPosition = head.get();
        List<ProcessorLag> processors = new ArrayList<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        Map<String, Map<String, List<TokenTable.Entry>>> read = new HashMap<>();
        for (BackpressureProperties.Watch watch : watches) {
            Map<String, List<TokenTable.Entry>> tokens = read.computeIfAbsent(watch.tokenTable(), name -> {
                try {
                    TokenTable table = tables.get(name);
                    if (!table.exists()) {
                        // asked first so that PostgreSQL's log does not fill with a failed query 4 times a second
                        unreadable.put(name, "no such table (yet): its service has not created its schema");
                        return null;
                    }
                    return table.all();
                } catch (RuntimeException e) {
                    // e.g. the query timed out
                    unreadable.put(name, e.getClass().getSimpleName() + ": " + e.getMessage());
                    return null;
                }
            });
            if (tokens == null) {
                continue;
            }
            Map<String, List<TokenTable.Entry>> selected = watch.everyProcessor() ? tokens
                    : Map.of(watch.processor(), tokens.getOrDefault(watch.processor(), List.of()));
            selected.forEach((processor, entries) -> processors.add(lagOf(watch.tokenTable(), processor, headPosition,
                                                                          entries, now)));
        }
        LagSnapshot snapshot = new LagSnapshot(now, headPosition, processors, unreadable);
        processors.forEach(lag -> gauge(lag.tokenTable(), lag.processor()));
        latest = snapshot;
        return snapshot;
    }

    private ProcessorLag lagOf(String table, String processor, Long headPosition, List<TokenTable.Entry> entries,
                               Instant now) {
        ProcessorLag lag = ProcessorLag.of(table, processor, headPosition,
                                           entries.stream().map(TokenTable.Entry::status).toList(), 0.0);
        if (lag.position() == null) {
            return lag;
        }
        double rate = rates.computeIfAbsent(table + "/" + processor, key -> new DrainRate())
                           .update(lag.position(), now);
        return new ProcessorLag(table, processor, lag.position(), lag.lagEvents(), lag.replaying(), rate);
    }

    private void gauge(String table, String processor) {
        if (gauges.add(table + "/" + processor)) {
            Gauge.builder(LAG_METRIC, this, sampler -> sampler.latest().find(table, processor)
                                                           .map(lag -> (double) lag.lagEvents())
                                                           .orElse(Double.NaN))
                 .tag("processor", processor)
                 .tag("token_table", table)
                 .description("event-store positions of accepted work this processor has not processed yet")
                 .strongReference(true)
                 .register(registry);
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // the latest sample ages and turns stale: requests pass, health says UNKNOWN
            log.warn("cannot sample the pipeline lag: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backpressure-sampler");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Positions per second a processor advanced, smoothed; reset when it moves backwards (a reset or replay). */
    private static final class DrainRate {

        private long position = -1;
        private Instant at;
        private double rate;

        double update(long newPosition, Instant now) {
            if (at != null && newPosition >= position) {
                double seconds = Duration.between(at, now).toNanos() / 1e9;
                if (seconds > 0) {
                    double observed = (newPosition - position) / seconds;
                    rate = rate == 0 ? observed : rate + SMOOTHING * (observed - rate);
                }
            } else {
                rate = 0;
            }
            position = newPosition;
            at = now;
            return rate;
        }
    }
}
