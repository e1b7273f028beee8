package dev.ledger.faultsuite;

import dev.ledger.faultsuite.admin.LedgerAdmin;
import dev.ledger.faultsuite.checker.Checker;
import dev.ledger.faultsuite.faults.FaultPlan;
import dev.ledger.faultsuite.faults.Nemesis;
import dev.ledger.faultsuite.process.LedgerProcesses;
import dev.ledger.faultsuite.workload.History;
import dev.ledger.faultsuite.workload.Tokens;
import dev.ledger.faultsuite.workload.Workload;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault suite, end to end: start the ledger on a PostgreSQL of its own, open and fund the accounts, run the
 * clients while the nemesis works through its schedule, heal, settle the unknown outcomes, check, report. Exits 1
 * on any violation, 2 when the run itself could not be carried out.
 */
public final class FaultSuiteMain {

    private static final Duration TAIL = Duration.ofSeconds(5);
    private static final Duration SETTLE_UNKNOWNS = Duration.ofSeconds(60);

    private FaultSuiteMain() {
    }

    public static void main(String[] args) throws Exception {
        SuiteSettings settings = SuiteSettings.parse(args);
        Path run = Files.createDirectories(settings.repository().resolve("fault-suite/target/runs").resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed-"
                + settings.seed()));
        PrintStream out = new PrintStream(new Tee(System.out, new FileOutputStream(run.resolve("report.txt").toFile())),
                                          true, StandardCharsets.UTF_8);
        out.printf("fault suite: seed %d, %s run, output in %s%n", settings.seed(), settings.quick() ? "quick" : "full",
                   run);
        AtomicReference<LedgerProcesses> started = new AtomicReference<>();
        // Ctrl-C or a crash of the suite must not leave a PostgreSQL or a JVM behind
        Thread cleanup = new Thread(() -> {
            LedgerProcesses ledger = started.getAndSet(null);
            if (ledger != null) {
                ledger.close();
            }
        }, "fault-suite-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        int exit;
        try {
            exit = run(settings, run, out, started);
        } catch (Exception e) {
            out.println("the run could not be carried out: " + e);
            e.printStackTrace(out);
            exit = 2;
        } finally {
            LedgerProcesses ledger = started.getAndSet(null);
            if (ledger != null) {
                ledger.close();
            }
        }
        out.flush();
        System.exit(exit);
    }

    private static int run(SuiteSettings settings, Path run, PrintStream out,
                           AtomicReference<LedgerProcesses> started) throws Exception {
        History history = new History();
        say(out, history, "starting PostgreSQL, the authorization server, two command sides and the query side");
        LedgerProcesses ledger = LedgerProcesses.start(settings.ledger(), run);
        started.set(ledger);
        Tokens tokens = new Tokens(ledger.issuer());
        tokens.fetchAll();
        LedgerAdmin admin = new LedgerAdmin(ledger.queryEndpoint(), tokens);
        Workload workload = new Workload(settings.workload(), history, tokens, ledger::commandRotation);
        try {
            say(out, history, "opening and funding " + settings.accounts() + " accounts");
            workload.setUp();
            long loadStart = history.millis();
            say(out, history, settings.clients() + " clients start; faults follow");
            workload.start();
            Nemesis nemesis = new Nemesis(ledger, admin, new FaultPlan(settings.seed(), settings.quick(),
                                                                       settings.clientTimeout()), history, out);
            nemesis.run(loadStart + settings.load().toMillis(), settings.minRounds(), settings.scaleInAfter());
            nemesis.reviveCrashed();
            ledger.ensureRunning();
            long healedAt = history.millis();
            Thread.sleep(TAIL.toMillis());
            workload.stop();
            long loadEnd = history.millis();
            say(out, history, "healed; clients stopped; settling unknown outcomes with their keys");
            int stillUnknown = workload.settleUnknowns(SETTLE_UNKNOWNS);
            long settledAt = history.millis();
            say(out, history, "checking (waiting for transfers, review deadlines and read models to settle)");
            Checker.Report report = Checker.run(history, nemesis.records(), nemesis.crashes(), ledger.logs(),
                                                ledger.postgres(), admin, settledAt, loadEnd,
                                                settings.reviewTimeout());
            history.writeTo(run.resolve("history.txt"));
            new RunReport(out).print(settings, new RunReport.RunTimes(loadStart, loadEnd, healedAt, settledAt,
                                                                                history.millis()),
                                     history.entries(), nemesis.records(), nemesis.timeline(), stillUnknown, report);
            out.println("history: " + run.resolve("history.txt") + ", logs: " + run.resolve("logs"));
            if (report.violations() > 0 || settings.keep()) {
                ledger.postgres().keep();
                out.println("database kept for a look: " + ledger.postgres().restartHint());
            }
            return report.violations() == 0 ? 0 : 1;
        } finally {
            workload.close();
        }
    }

    private static void say(PrintStream out, History history, String message) {
        out.printf("[%6.1fs] %s%n", history.millis() / 1000.0, message);
    }

    /** Writes to the console and to the run's report file. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
