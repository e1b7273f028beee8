package dev.ledger.faultsuite.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.faultsuite.admin.LedgerAdmin;
import dev.ledger.faultsuite.process.JavaService;
import dev.ledger.faultsuite.process.LedgerProcesses;
import dev.ledger.faultsuite.workload.History;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Runs the fault plan against the live ledger, one fault at a time: quiet gap, inject, hold, heal, then wait until
 * every process serves again before the next one, so each fault's effect on throughput can be told apart. It goes
 * on until the load time is over and enough rounds (every kind once per round) are done; the second command side
 * is stopped after a given number of faults, so both a two-node and a one-node ledger are faulted.
 */
public final class Nemesis {

    /** A process no fault restarted that does not answer health for this long is wedged. */
    private static final Duration WEDGED_AFTER = Duration.ofSeconds(90);

    private final LedgerProcesses ledger;
    private final LedgerAdmin admin;
    private final FaultPlan plan;
    private final LongSupplier clock;
    private final List<FaultRecord> records = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private final List<String> crashes = new ArrayList<>();

    private final PrintStream log;

    public Nemesis(LedgerProcesses ledger, LedgerAdmin admin, FaultPlan plan, History history, PrintStream log) {
        this.log = log;
        this.ledger = ledger;
        this.admin = admin;
        this.plan = plan;
        this.clock = history::millis;
    }

    /**
     * @param loadUntil    clock time after which no new round starts
     * @param minRounds    rounds to complete whatever the time
     * @param scaleInAfter faults after which the second command side leaves
     */
    public void run(long loadUntil, int minRounds, int scaleInAfter) {
        int done = 0;
        while (true) {
            FaultPlan.Step step = plan.next();
            if (step.round() >= minRounds && clock.getAsLong() >= loadUntil) {
                return;
            }
            if (done == scaleInAfter && ledger.scaledOut()) {
                ledger.scaleIn();
                timeline.add(String.format("%.1fs command-b stopped gracefully; one command side from here",
                                           clock.getAsLong() / 1000.0));
                log.println(timeline.get(timeline.size() - 1));
            }
            sleep(step.quietBefore());
            reviveCrashed();
            FaultRecord record = execute(step);
            records.add(record);
            log.printf("[%6.1fs] %-28s %-11s held %.1fs, serving again after %s: %s%n", record.injectedAt() / 1000.0,
                       record.kind(), record.target(), (record.healedAt() - record.injectedAt()) / 1000.0,
                       record.recoveredAt() < 0 ? "NEVER" : String.format("%.1fs",
                               (record.recoveredAt() - record.healedAt()) / 1000.0), record.note());
            done++;
        }
    }

    private FaultRecord execute(FaultPlan.Step step) {
        Fault fault = build(step);
        long injected = clock.getAsLong();
        String note;
        try {
            note = fault.inject();
            sleep(step.hold());
        } catch (RuntimeException e) {
            note = "inject failed: " + e.getMessage();
        }
        try {
            fault.heal();
        } catch (RuntimeException e) {
            note += "; heal failed: " + e.getMessage();
        }
        long healed = clock.getAsLong();
        long recovered = awaitRecovered(step.kind(), fault instanceof KillProcess ? fault.target() : "")
                         ? clock.getAsLong() : -1;
        return new FaultRecord(step.kind(), fault.target(), injected, healed, recovered, note);
    }

    private Fault build(FaultPlan.Step step) {
        Random target = new Random(step.targetSeed());
        return switch (step.kind()) {
            case KILL_COMMAND_SIDE -> new KillProcess(pick(ledger.commandSides(), target));
            case KILL_QUERY_SIDE -> new KillProcess(ledger.query());
            case KILL_AUTH_SERVER -> new KillProcess(ledger.auth());
            case POSTGRES_RESTART -> new RestartPostgres(ledger.postgres());
            case POSTGRES_TERMINATE_BACKENDS -> new TerminateBackends(ledger.postgres());
            case POSTGRES_PAUSE -> new PausePostgres(ledger.postgres());
            case SERVICE_PAUSE -> {
                List<JavaService> services = new ArrayList<>(ledger.commandSides());
                services.add(ledger.query());
                yield new PauseProcess(pick(services, target));
            }
            case READ_MODEL_REPLAY -> new ReplayReadModels(admin);
        };
    }

    /**
     * Waits until every process serves again (after a replay, also until no read model replays). A process this
     * fault restarted may take the start timeout; any other that does not serve for {@link #WEDGED_AFTER} is wedged
     * (for instance thrashing towards an OutOfMemoryError): it is recorded, killed and started again, as an
     * orchestrator's liveness probe would, and the recovery counts as not seen.
     */
    private boolean awaitRecovered(FaultKind kind, String restarted) {
        Map<String, Long> allowedUntil = new HashMap<>();
        boolean wedged = false;
        while (true) {
            reviveCrashed();
            List<JavaService> notServing = ledger.expectedRunning().stream().filter(s -> !s.serving()).toList();
            if (notServing.isEmpty() && (kind != FaultKind.READ_MODEL_REPLAY || !replaying())) {
                return !wedged;
            }
            long now = System.nanoTime();
            for (JavaService service : notServing) {
                Duration allowance = service.name().equals(restarted) ? ledger.startTimeout() : WEDGED_AFTER;
                long until = allowedUntil.computeIfAbsent(service.name(), name -> now + allowance.toNanos());
                if (now > until) {
                    String line = String.format("%.1fs %s did not serve for %ds after the fault; killed and started "
                                                + "again", clock.getAsLong() / 1000.0, service.name(),
                                                allowance.toSeconds());
                    crashes.add(line);
                    timeline.add(line);
                    log.println(line);
                    service.kill();
                    service.start();
                    allowedUntil.put(service.name(), now + ledger.startTimeout().toNanos());
                    wedged = true;
                }
            }
            if (notServing.isEmpty() && System.nanoTime() > allowedUntil.computeIfAbsent("replay",
                    name -> now + ledger.startTimeout().toNanos())) {
                return false; // a replay that never ends is reported by the checker's lag
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /**
     * A process that ended although no fault stopped it is a finding in itself; it is recorded and started again,
     * so the run can go on and the checker still sees a whole ledger.
     */
    public void reviveCrashed() {
        for (JavaService service : ledger.expectedRunning()) {
            if (service.exitedOnItsOwn()) {
                String crash = String.format("%.1fs %s exited on its own (exit code %d); started again",
                                             clock.getAsLong() / 1000.0, service.name(), service.exitCode());
                crashes.add(crash);
                timeline.add(crash);
                log.println(crash);
                service.start();
            }
        }
    }

    private boolean replaying() {
        LedgerAdmin.Reply reply = admin.processors();
        if (!reply.ok()) {
            return true;
        }
        for (JsonNode processor : reply.body().path("processors")) {
            if (processor.path("replaying").asBoolean() || processor.path("settingUpReplay").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static <T> T pick(List<T> candidates, Random random) {
        return candidates.get(random.nextInt(candidates.size()));
    }

    public List<FaultRecord> records() {
        return List.copyOf(records);
    }

    /** Processes that ended, or stopped serving, without a fault being the reason. */
    public List<String> crashes() {
        return List.copyOf(crashes);
    }

    public List<String> timeline() {
        return List.copyOf(timeline);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
