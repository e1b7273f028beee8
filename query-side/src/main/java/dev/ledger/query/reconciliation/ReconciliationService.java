package dev.ledger.query.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Starts reconciliation runs in the background, one at a time (across nodes: see {@link ReconciliationRuns}),
 * keeps their heartbeat and records their outcome.
 * <p>
 * Metrics: {@code ledger.reconciliation.divergences} and {@code ledger.reconciliation.in.flight} (gauges, the last
 * completed run), {@code ledger.reconciliation.runs} (counter, tagged {@code status}) and
 * {@code ledger.reconciliation.duration} (timer).
 */
@Service
public class ReconciliationService {

    public static final String MANUAL = "MANUAL";
    public static final String SCHEDULED = "SCHEDULED";

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final ReconciliationContext context;
    private final ReconciliationRuns runs;
    private final ScheduledExecutorService executor;
    private final MeterRegistry meters;
    private final Timer duration;
    private final AtomicReference<Double> lastDivergences = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> lastInFlight = new AtomicReference<>(Double.NaN);

    ReconciliationService(ReconciliationContext context, ReconciliationRuns runs, MeterRegistry meters) {
        this.context = context;
        this.runs = runs;
        this.meters = meters;
        this.executor = Executors.newScheduledThreadPool(2, daemonThreads());
        Gauge.builder("ledger.reconciliation.divergences", lastDivergences, AtomicReference::get)
             .description("Divergences found by the last completed reconciliation run")
             .register(meters);
        Gauge.builder("ledger.reconciliation.in.flight", lastInFlight, AtomicReference::get)
             .description("Rows and entries the last completed run found behind only because a projection was busy")
             .register(meters);
        this.duration = Timer.builder("ledger.reconciliation.duration")
                             .description("How long reconciliation runs take")
                             .register(meters);
    }

    /** The outcome of {@link #start}: the run started, or the one already running ({@code run} may then be null). */
    public record Started(boolean started, ReconciliationRecord run) {
    }

    /**
     * Starts a run in the background.
     *
     * @param repair   whether to repair divergent rows
     * @param currency only this currency, or {@code null} for all
     */
    public Started start(String trigger, boolean repair, String currency) {
        String runId = UUID.randomUUID().toString();
        ReconciliationRuns.Start start = runs.tryStart(runId, trigger, repair, currency,
                                                      context.properties().staleAfter());
        if (!start.started()) {
            return new Started(false, start.run());
        }
        try {
            executor.execute(() -> execute(runId, repair, currency));
        } catch (RejectedExecutionException shuttingDown) {
            failQuietly(runId, "not started: the node is shutting down");
            throw shuttingDown;
        }
        return new Started(true, start.run());
    }

    public Optional<ReconciliationRecord> find(String runId) {
        return runs.find(runId);
    }

    public List<Divergence> findingsOf(String runId) {
        return runs.findingsOf(runId);
    }

    public List<ReconciliationRecord> recent(int limit) {
        return runs.recent(limit);
    }

    private void execute(String runId, boolean repair, String currency) {
        AtomicLong head = new AtomicLong(-1);
        AtomicLong eventsRead = new AtomicLong();
        ScheduledFuture<?> heartbeat = executor.scheduleWithFixedDelay(
                () -> beat(runId, head.get(), eventsRead.get()), HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        String status = ReconciliationRecord.FAILED;
        try {
            log.info("reconciliation {} started (repair={}, currency={})", runId, repair,
                     currency == null ? "all" : currency);
            ReconciliationRun run = new ReconciliationRun(context, repair, currency, (headPosition, position, read) -> {
                head.set(headPosition);
                eventsRead.set(read);
            });
            ReconciliationRun.Outcome outcome = run.execute();
            heartbeat.cancel(false);
            lastDivergences.set((double) outcome.findings().divergenceCount());
            lastInFlight.set((double) outcome.findings().inFlightCount());
            runs.complete(runId, outcome);
            status = ReconciliationRecord.COMPLETED;
            log.info("reconciliation {} completed: {} events up to position {}, {} divergences, {} in flight, "
                             + "{} repaired, in {} ms", runId, outcome.eventsRead(), outcome.headPosition(),
                     outcome.findings().divergenceCount(), outcome.findings().inFlightCount(),
                     outcome.repairedCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (ReconciliationInterruptedException interrupted) {
            log.warn("reconciliation {} interrupted", runId);
            failQuietly(runId, interrupted.getMessage());
        } catch (RuntimeException | Error e) {
            log.error("reconciliation {} failed", runId, e);
            failQuietly(runId, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            heartbeat.cancel(false);
            duration.record(Duration.ofNanos(System.nanoTime() - started));
            Counter.builder("ledger.reconciliation.runs").tag("status", status)
                   .description("Reconciliation runs by outcome").register(meters).increment();
        }
    }

    private void beat(String runId, long head, long eventsRead) {
        try {
            runs.heartbeat(runId, head < 0 ? null : head, eventsRead);
        } catch (RuntimeException e) {
            log.warn("reconciliation {}: heartbeat failed: {}", runId, e.toString());
        }
    }

    private void failQuietly(String runId, String error) {
        try {
            runs.fail(runId, error);
        } catch (RuntimeException e) {
            log.warn("reconciliation {}: cannot record the failure: {}", runId, e.toString());
        }
    }

    /** Shows the last completed run's counts on the gauges after a restart. */
    @EventListener(ApplicationReadyEvent.class)
    void restoreGauges() {
        try {
            runs.lastCompleted().ifPresent(run -> {
                if (lastDivergences.get().isNaN()) {
                    lastDivergences.set((double) run.divergences());
                    lastInFlight.set((double) run.inFlight());
                }
            });
        } catch (RuntimeException e) {
            log.warn("cannot read the last reconciliation run: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("a reconciliation run did not stop within 10 s; it shows as FAILED once its heartbeat is stale");
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "reconciliation-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
