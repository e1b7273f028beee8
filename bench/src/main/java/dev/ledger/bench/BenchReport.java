package dev.ledger.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns the run's figures into the stdout table and the JSON file, from the same values so the two never differ. */
final class BenchReport {

    private BenchReport() {
    }

    static void table(BenchSettings settings, Facts facts, List<PhaseResult> phases, Map<String, ProcessUsage> peaks,
                      PrintStream out) {
        ResultTable table = new ResultTable(facts);
        table.rate("pgbench TPC-B, " + facts.text("pgbench.clients") + " clients, scale " + facts.text("pgbench.scale"),
                   facts.number(Facts.PGBENCH_TPS), "tps");
        for (PhaseResult phase : phases) {
            String name = phase.name() + (phase.targetRatePerSec() > 0
                                          ? " @" + ResultTable.number(phase.targetRatePerSec()) + "/s" : "");
            table.rate(name + ": accepted", phase.acceptedPerSec(), "/s");
            if (phase.isTransfers()) {
                table.rate(name + ": completed", phase.completedPerSec(), "/s");
            }
            table.latency(name + ": POST", phase.postLatency());
            if (phase.isTransfers()) {
                table.latency(name + ": accepted->COMPLETED", phase.acceptedToCompleted());
            }
        }
        if ("true".equals(facts.text("replay.skipped"))) {
            table.plain("replay", "skipped", "");
        } else {
            table.rate("replay, " + facts.text("replay.events") + " events", facts.number("replay.eventsPerSec"),
                       "ev/s");
            table.rate("PostgreSQL reads the same rows", facts.number("replay.pgReadRowsPerSec"), "rows/s");
        }
        for (String service : List.of("command-side", "query-side")) {
            table.plain("start-up to UP: " + service + " alone", seconds(facts, "startup." + service + ".aloneMs"), "s");
            table.plain("start-up to UP: " + service + " beside the other",
                        seconds(facts, "startup." + service + ".togetherMs"), "s");
        }
        peaks.forEach((name, usage) -> table.plain("peak RSS (VmHWM): " + name,
                                                   ResultTable.number(usage.peakRssKb() / 1024.0), "MB"));
        out.println();
        out.printf("== ledger benchmark, run %s: %d clients, %d accounts, %d s phases (latency: p50 / p99 / p99.9)%n",
                   settings.runTag(), settings.clients(), settings.accounts(), settings.phase().toSeconds());
        table.print(out);
        out.println();
        out.println("== per phase: answers by HTTP status (0 = no answer), how transfers ended, max projection lag"
                    + " (events, seconds), cores busy");
        for (PhaseResult phase : phases) {
            out.printf("%-15s answers %s%n", phase.name(), ResultTable.counts(phase.postStatuses()));
            if (phase.isTransfers()) {
                out.printf("%-15s ended: all %s; followed %s%n", "", ResultTable.counts(phase.finalStatuses()),
                           ResultTable.counts(phase.followedOutcomes()));
            }
            out.printf("%-15s lag events %s; seconds %s%n", "", ResultTable.counts(phase.maxLagEvents()),
                       ResultTable.counts(phase.maxLagSeconds()));
            out.printf("%-15s cores %s%n", "", phase.coresBusy().entrySet().stream()
                                                     .map(e -> e.getKey() + " " + ResultTable.number(e.getValue()))
                                                     .collect(Collectors.joining(", ")));
        }
    }

    private static String seconds(Facts facts, String key) {
        Double millis = facts.number(key);
        return millis == null ? "not run" : ResultTable.number(millis / 1000);
    }

    static void json(BenchSettings settings, Facts facts, List<PhaseResult> phases, Map<String, ProcessUsage> peaks,
                     ProjectionLagMonitor lag) throws IOException {
        ObjectNode root = LedgerHttp.JSON.createObjectNode();
        root.put("runTag", settings.runTag());
        ObjectNode config = root.putObject("settings");
        config.put("clients", settings.clients());
        config.put("accounts", settings.accounts());
        config.put("phaseSeconds", settings.phase().toSeconds());
        config.put("sampleEvery", settings.sampleEvery());
        root.set("facts", LedgerHttp.JSON.valueToTree(facts.all()));
        root.set("phases", LedgerHttp.JSON.valueToTree(phases));
        root.set("peakProcesses", LedgerHttp.JSON.valueToTree(peaks));
        root.set("projectionLagTimeline", lag.timeline());
        root.set("adminProcessorsAnswers", LedgerHttp.JSON.valueToTree(lag.statuses()));
        Files.createDirectories(settings.resultFile().toAbsolutePath().getParent());
        LedgerHttp.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(settings.resultFile().toFile(), root);
    }
}
