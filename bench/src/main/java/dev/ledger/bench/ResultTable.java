package dev.ledger.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as a table on stdout: each figure beside pgbench's figure at the same client count, and their ratio.
 * Rates compare with pgbench's tps, latencies with its average latency; a figure with no pgbench counterpart
 * (memory, start-up) shows none. The ratio says how far the ledger is from what PostgreSQL alone does with a
 * comparable small write transaction on this machine, not whether a figure is good.
 */
final class ResultTable {

    private record Row(String figure, String value, String unit, String pgbench, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Double pgbenchTps;
    private final Double pgbenchLatencyMs;

    ResultTable(Facts facts) {
        pgbenchTps = facts.number(Facts.PGBENCH_TPS);
        pgbenchLatencyMs = facts.number(Facts.PGBENCH_LATENCY_MS);
    }

    void rate(String figure, Double perSecond, String unit) {
        rows.add(new Row(figure, number(perSecond), unit, pgbenchTps == null ? "?" : number(pgbenchTps) + " tps",
                         ratio(perSecond, pgbenchTps)));
    }

    void latency(String figure, LatencySummary latency) {
        String value = latency.count() == 0 ? "-" : String.format(Locale.ROOT, "%s / %s / %s", number(latency.p50Ms()),
                                                                   number(latency.p99Ms()), number(latency.p999Ms()));
        rows.add(new Row(figure, value, "ms", pgbenchLatencyMs == null ? "?" : number(pgbenchLatencyMs) + " ms",
                         latency.count() == 0 ? "" : ratio(latency.p50Ms(), pgbenchLatencyMs) + " p50/avg"));
    }

    void plain(String figure, String value, String unit) {
        rows.add(new Row(figure, value, unit, "", ""));
    }

    static String counts(Map<?, ? extends Number> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                                                 .map(e -> e.getKey() + "=" + e.getValue())
                                                 .collect(Collectors.joining(" "));
    }

    void print(PrintStream out) {
        int figureWidth = rows.stream().mapToInt(r -> r.figure.length()).max().orElse(10);
        int valueWidth = Math.max(8, rows.stream().mapToInt(r -> r.value.length()).max().orElse(8));
        String format = "%-" + figureWidth + "s  %" + valueWidth + "s %-6s  %-12s %s%n";
        out.printf(Locale.ROOT, format, "figure", "value", "unit", "pgbench", "ratio");
        out.println("-".repeat(figureWidth + valueWidth + 36));
        rows.forEach(r -> out.printf(Locale.ROOT, format, r.figure, r.value, r.unit, r.pgbench, r.ratio));
    }

    static String number(Double value) {
        if (value == null) {
            return "?";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(Double ours, Double theirs) {
        return ours == null || theirs == null || theirs == 0 ? "" : String.format(Locale.ROOT, "%.3f", ours / theirs);
    }
}
