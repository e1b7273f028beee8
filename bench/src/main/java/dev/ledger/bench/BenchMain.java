package dev.ledger.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load part of bench/run.sh, against services the script has started: opens and funds the accounts, runs the
 * phases in order, counts how every transfer ended, prints the table and writes the JSON. Exits 1 when something did
 * not run (no transfer accepted or completed, accounts not opened) but never judges the figures themselves.
 *
 * <p>Phases: deposits (closed loop, uniform), then for each account choice (uniform, Zipf s = 1, Zipf s = 2)
 * transfers in a closed loop, followed by transfers at a fixed rate of half the peak that closed loop just reached.
 */
public final class BenchMain {

    private static final double OPEN_LOOP_SHARE_OF_PEAK = 0.5;

    private final BenchSettings settings;
    private final Facts facts;
    private final LedgerHttp http;
    private final LedgerRequests requests;
    private final CompletionTracker tracker;
    private final ProjectionLagMonitor lag;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final List<PhaseRecorder> recorders = new ArrayList<>();
    private final Map<String, Map<String, Double>> coresBusy = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> peakRssKb = new LinkedHashMap<>();

    private BenchMain(BenchSettings settings) {
        this.settings = settings;
        this.facts = Facts.load(settings.factsFile());
        this.http = new LedgerHttp(settings.bearerToken());
        this.requests = new LedgerRequests(http, settings.commandUri(), settings.runTag());
        this.tracker = new CompletionTracker(http, settings.queryUri(), settings.completionWait());
        this.lag = new ProjectionLagMonitor(http, settings.queryUri());
        pids.put("command-side", settings.commandPid());
        pids.put("query-side", settings.queryPid());
        pids.put("driver", ProcessHandle.current().pid());
    }

    public static void main(String[] args) throws Exception {
        System.exit(new BenchMain(BenchSettings.fromSystemProperties()).run());
    }

    private int run() throws Exception {
        lag.start();
        try {
            PhaseRecorder setup = measured(new PhaseRecorder("setup", "setup", "all", 0), recorder -> {
                int failed = AccountSetup.openAndFund(requests, settings.accounts(), settings.clients(), recorder);
                if (failed > 0) {
                    throw new IllegalStateException(failed + " accounts could not be opened and funded");
                }
            });
            log("opened and funded " + settings.accounts() + " accounts in " + Math.round(setup.seconds()) + " s");
            measured(new PhaseRecorder("deposits", "deposits-closed", "uniform", 0),
                     recorder -> ClosedLoopPhase.run(LoadSteps.deposits(requests, uniform()), settings.clients(),
                                                     settings.phase(), recorder));
            for (AccountChooser choice : List.of(uniform(), AccountChooser.zipf(settings.accounts(), 1),
                                                 AccountChooser.zipf(settings.accounts(), 2))) {
                PhaseRecorder closed = transfersPhase(choice, "closed", 0);
                double peak = PhaseResult.perSecond(closed.accepted.sum(), closed.seconds());
                transfersPhase(choice, "open", Math.max(1, peak * OPEN_LOOP_SHARE_OF_PEAK));
            }
            // followers whose transfers outlived their phase's drain still get their outcome
            tracker.awaitIdle(settings.completionWait());
        } finally {
            lag.stop();
            tracker.shutdown();
        }
        Map<String, Map<String, Long>> outcomes = TransferOutcomeCount.byPhase(http, settings.queryUri(),
                                                                               settings.runTag());
        List<PhaseResult> results = recorders.stream().map(r -> summarize(r, outcomes)).toList();
        Map<String, ProcessUsage> peaks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> peaks.put(name, ProcessUsage.of(pid)));
        BenchReport.table(settings, facts, results, peaks, System.out);
        BenchReport.json(settings, facts, results, peaks, lag);
        return verdict(results);
    }

    private PhaseRecorder transfersPhase(AccountChooser choice, String loop, double ratePerSec) {
        String name = choice.name() + "-" + loop;
        LoadStep step = LoadSteps.transfers(requests, choice, settings.runTag() + "-" + name + "-", tracker,
                                            settings.sampleEvery());
        return measured(new PhaseRecorder(name, "transfers-" + loop, choice.name(), ratePerSec), recorder -> {
            if (ratePerSec > 0) {
                OpenLoopPhase.run(step, ratePerSec, settings.phase(), recorder);
            } else {
                ClosedLoopPhase.run(step, settings.clients(), settings.phase(), recorder);
            }
            // completed/s counts until the backlog this phase left is gone, so the next phase starts clean
            boolean followed = tracker.awaitIdle(settings.drainWait());
            boolean caughtUp = lag.awaitCaughtUp(settings.drainWait());
            recorder.drained();
            if (!followed || !caughtUp) {
                log(name + ": still behind after " + settings.drainWait().toSeconds() + " s of draining");
            }
        });
    }

    private interface Body {
        void run(PhaseRecorder recorder);
    }

    /** Runs one phase with CPU readings of every process around it, and logs its headline. */
    private PhaseRecorder measured(PhaseRecorder recorder, Body body) {
        log(recorder.name + " ...");
        lag.phase(recorder.name);
        Map<String, ProcessUsage> before = new LinkedHashMap<>();
        pids.forEach((name, pid) -> before.put(name, ProcessUsage.of(pid)));
        body.run(recorder);
        Map<String, Double> cores = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            ProcessUsage after = ProcessUsage.of(pid);
            cores.put(name, Math.round(ProcessUsage.coresBusy(before.get(name), after, recorder.secondsUntilDrained())
                                       * 100) / 100.0);
            rss.put(name, after.peakRssKb());
        });
        coresBusy.put(recorder.name, cores);
        peakRssKb.put(recorder.name, rss);
        recorders.add(recorder);
        log(recorder.name + ": " + recorder.accepted.sum() + " accepted of " + recorder.sent.sum() + " in "
            + Math.round(recorder.seconds() * 10) / 10.0 + " s; answers " + recorder.postStatuses.snapshot());
        return recorder;
    }

    private PhaseResult summarize(PhaseRecorder r, Map<String, Map<String, Long>> outcomes) {
        Map<String, Long> ended = outcomes.getOrDefault(r.name, Map.of());
        long completed = ended.getOrDefault("COMPLETED", 0L);
        return new PhaseResult(r.name, r.kind, r.accountChoice, round(r.seconds()), round(r.secondsUntilDrained()),
                               round(r.targetRatePerSec), r.sent.sum(), r.accepted.sum(),
                               PhaseResult.perSecond(r.accepted.sum(), r.seconds()), r.retried.sum(), completed,
                               PhaseResult.perSecond(completed, r.secondsUntilDrained()), ended,
                               LatencySummary.of(r.postLatencyMicros), LatencySummary.of(r.completionLatencyMicros),
                               r.followedOutcomes(), r.postStatuses.snapshot(), r.queryStatuses.snapshot(),
                               lag.maxLagEvents(r.name), lag.maxLagSeconds(r.name), coresBusy.get(r.name), peakRssKb.get(r.name));
    }

    /**
     * Something did not run: a phase had nothing accepted, or no transfer of the whole run completed. A phase whose
     * transfers were all still under way at the end is only a slow service, which is a figure, not a failure.
     */
    private static int verdict(List<PhaseResult> results) {
        int status = 0;
        for (PhaseResult phase : results) {
            if (phase.accepted() == 0) {
                log("FAILED: phase " + phase.name() + " had no request accepted");
                status = 1;
            }
            if (phase.isTransfers() && phase.completed() == 0) {
                log("warning: no transfer of phase " + phase.name() + " was visible as COMPLETED at the end");
            }
        }
        if (results.stream().filter(PhaseResult::isTransfers).mapToLong(PhaseResult::completed).sum() == 0) {
            log("FAILED: no transfer completed");
            status = 1;
        }
        return status;
    }

    private AccountChooser uniform() {
        return AccountChooser.uniform(settings.accounts());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void log(String line) {
        System.err.println("[bench] " + line);
    }
}
