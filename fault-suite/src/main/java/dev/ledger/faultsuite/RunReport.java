package dev.ledger.faultsuite;

import dev.ledger.faultsuite.checker.CheckResult;
import dev.ledger.faultsuite.checker.Checker;
import dev.ledger.faultsuite.checker.OperationResult;
import dev.ledger.faultsuite.checker.ThroughputReport;
import dev.ledger.faultsuite.checker.Violation;
import dev.ledger.faultsuite.faults.FaultKind;
import dev.ledger.faultsuite.faults.FaultRecord;
import dev.ledger.faultsuite.workload.HistoryEntry;
import dev.ledger.faultsuite.workload.Operation;
import dev.ledger.faultsuite.workload.OperationKind;
import dev.ledger.faultsuite.workload.Phase;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The run's report: what the workload did, which faults it met and what they cost, every invariant with its
 * counts, and for each violation the history of the operations involved and of what ran around them.
 */
final class RunReport {

    private static final int VIOLATIONS_SHOWN = 10;
    private static final int OPERATIONS_TRACED = 5;
    private static final int CONTEXT = 8;

    private final PrintStream out;

    RunReport(PrintStream out) {
        this.out = out;
    }

    void print(SuiteSettings settings, RunTimes times, List<HistoryEntry> history, List<FaultRecord> faults,
               List<String> timeline, int stillUnknown, Checker.Report report) {
        out.printf("%n== fault suite: seed %d, %s run ==%n", settings.seed(), settings.quick() ? "quick" : "full");
        out.printf("load %.0f s (%d clients), faults healed at %.0f s, unknown outcomes settled %.0f s later, "
                   + "checked %.0f s after healing%n", (times.loadEnd() - times.loadStart()) / 1000.0,
                   settings.clients(), times.healedAt() / 1000.0, (times.settledAt() - times.healedAt()) / 1000.0,
                   (times.checkedAt() - times.healedAt()) / 1000.0);
        workload(history, report.results(), stillUnknown);
        faults(faults, timeline, report.throughput());
        invariants(report.checks());
        traces(history, report);
        long violations = report.violations();
        out.printf("%nRESULT: %d operations, %d faults, %d violations%s%n", report.results().size(), faults.size(),
                   violations, violations == 0 ? "" : " — replay with: " + settings.replayCommand());
    }

    private void workload(List<HistoryEntry> history, Map<String, OperationResult> results, int stillUnknown) {
        out.printf("%n== workload ==%n");
        Map<OperationKind, int[]> byKind = new EnumMap<>(OperationKind.class);
        for (OperationResult result : results.values()) {
            int[] counts = byKind.computeIfAbsent(result.operation().kind(), k -> new int[3]);
            counts[result.outcome() == Phase.OK ? 0 : result.outcome() == Phase.FAIL ? 1 : 2]++;
        }
        int[] total = new int[3];
        byKind.forEach((kind, counts) -> {
            out.printf("  %-9s ok %6d  failed %6d  unknown %4d%n", kind, counts[0], counts[1], counts[2]);
            for (int i = 0; i < 3; i++) {
                total[i] += counts[i];
            }
        });
        out.printf("  operations %d: ok %d, failed %d, unknown %d (%d still unknown after settling)%n",
                   results.size(), total[0], total[1], total[2], stillUnknown);
        Map<String, Integer> answers = new TreeMap<>();
        Map<String, Integer> how = new TreeMap<>();
        long attempts = 0;
        for (HistoryEntry entry : history) {
            if (entry.phase() == Phase.INVOKE) {
                attempts++;
                how.merge(entry.how(), 1, Integer::sum);
            } else {
                String answer = entry.status() == 0 ? "no answer" : Integer.toString(entry.status());
                if (entry.status() >= 400 || entry.status() == 0) {
                    answer += " " + entry.detail();
                }
                answers.merge(answer, 1, Integer::sum);
            }
        }
        out.printf("  attempts %d by kind of send %s%n", attempts, how);
        out.printf("  answers %s%n", answers);
    }

    private void faults(List<FaultRecord> faults, List<String> timeline, List<ThroughputReport.Row> rows) {
        out.printf("%n== faults ==%n");
        Map<FaultKind, Integer> byKind = new EnumMap<>(FaultKind.class);
        faults.forEach(fault -> byKind.merge(fault.kind(), 1, Integer::sum));
        for (FaultKind kind : FaultKind.values()) {
            out.printf("  %-28s %2d × %s%n", kind, byKind.getOrDefault(kind, 0), kind.description());
        }
        timeline.forEach(line -> out.println("  " + line));
        out.printf("  %-28s %-11s %8s %6s  %s %s %s  %s %s %s  %s%n", "fault", "target", "at", "held", "ok/s before",
                   "during", "after", "serving", "ops back", "unknown", "note");
        for (ThroughputReport.Row row : rows) {
            FaultRecord fault = row.fault();
            out.printf("  %-28s %-11s %7.1fs %5.1fs  %11.1f %6.1f %5.1f  %6.1fs %7.1fs %7d  %s%n", fault.kind(),
                       fault.target(), fault.injectedAt() / 1000.0, (fault.healedAt() - fault.injectedAt()) / 1000.0,
                       row.before(), row.during(), row.after(), row.servingAfter(), row.throughputBackAfter(),
                       row.unknowns(), fault.note());
        }
        out.println("  (serving: from healing until every process answered health; ops back: until a second with "
                    + "half the ok/s of before; -1: not seen)");
    }

    private void invariants(List<CheckResult> checks) {
        out.printf("%n== invariants ==%n");
        for (CheckResult check : checks) {
            out.printf("%s %s%s%n", check.holds() ? "PASS" : "FAIL", check.name(),
                       check.holds() ? "" : " — " + check.violations().size() + " violations");
            check.facts().forEach(fact -> out.println("       " + fact));
            List<Violation> violations = check.violations();
            violations.stream().limit(VIOLATIONS_SHOWN).forEach(v -> out.println("     ! " + v.message()));
            if (violations.size() > VIOLATIONS_SHOWN) {
                out.printf("     ! … and %d more%n", violations.size() - VIOLATIONS_SHOWN);
            }
        }
    }

    /** For the first violations: each operation's attempts, and the history around its first one. */
    private void traces(List<HistoryEntry> history, Checker.Report report) {
        Set<String> traced = new LinkedHashSet<>();
        for (CheckResult check : report.checks()) {
            for (Violation violation : check.violations()) {
                for (String id : violation.operationIds()) {
                    if (traced.size() < OPERATIONS_TRACED) {
                        traced.add(id);
                    }
                }
            }
        }
        if (traced.isEmpty()) {
            return;
        }
        out.printf("%n== history around the violations ==%n");
        for (String id : traced) {
            OperationResult result = report.results().get(id);
            Operation operation = result == null ? null : result.operation();
            out.printf("-- %s%n", operation == null ? id + " (not in the history)" : operation.summary());
            int first = -1;
            for (int i = 0; i < history.size(); i++) {
                if (history.get(i).opId().equals(id)) {
                    first = first < 0 ? i : first;
                    out.println("   " + history.get(i));
                }
            }
            if (first >= 0) {
                out.println("   around its first attempt:");
                for (int i = Math.max(0, first - CONTEXT); i < Math.min(history.size(), first + CONTEXT); i++) {
                    out.println("   " + history.get(i));
                }
            }
        }
    }

    /** The run's milestones on the history's clock. */
    record RunTimes(long loadStart, long loadEnd, long healedAt, long settledAt, long checkedAt) {
    }
}
