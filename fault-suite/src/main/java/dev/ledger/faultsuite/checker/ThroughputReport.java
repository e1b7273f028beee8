package dev.ledger.faultsuite.checker;

import dev.ledger.faultsuite.faults.FaultRecord;
import dev.ledger.faultsuite.workload.HistoryEntry;
import dev.ledger.faultsuite.workload.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Acknowledged operations per second around each fault: in the quiet time before it, while it lasted (until every
 * process served again), and after; and how long after healing the throughput was back to half of what it was
 * before (the recovery time a client feels), beside how long the processes took to serve again.
 */
public final class ThroughputReport {

    private static final long WINDOW_MILLIS = 10_000;

    /**
     * One fault's figures; rates in acknowledged operations per second, times in seconds (-1: never).
     *
     * @param unknowns attempts that ended unknown while it lasted and in the second after
     */
    public record Row(FaultRecord fault, double before, double during, double after, double servingAfter,
                      double throughputBackAfter, long unknowns) {
    }

    private final long[] okPerSecond;
    private final long[] unknownPerSecond;

    private ThroughputReport(List<HistoryEntry> entries) {
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).atMillis();
        okPerSecond = new long[(int) (last / 1000) + 2];
        unknownPerSecond = new long[okPerSecond.length];
        for (HistoryEntry entry : entries) {
            int second = (int) (entry.atMillis() / 1000);
            if (entry.phase() == Phase.OK) {
                okPerSecond[second]++;
            } else if (entry.phase() == Phase.UNKNOWN) {
                unknownPerSecond[second]++;
            }
        }
    }

    public static List<Row> of(List<HistoryEntry> entries, List<FaultRecord> faults, long loadEnd) {
        ThroughputReport counts = new ThroughputReport(entries);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            FaultRecord fault = faults.get(i);
            long previousEnd = i == 0 ? 0 : end(faults.get(i - 1));
            long nextStart = i + 1 < faults.size() ? faults.get(i + 1).injectedAt() : loadEnd;
            long end = end(fault);
            double before = counts.rate(Math.max(previousEnd, fault.injectedAt() - WINDOW_MILLIS), fault.injectedAt());
            double during = counts.rate(fault.injectedAt(), end);
            double after = counts.rate(end, Math.min(nextStart, end + WINDOW_MILLIS));
            rows.add(new Row(fault, before, during, after,
                             fault.recoveredAt() < 0 ? -1 : (fault.recoveredAt() - fault.healedAt()) / 1000.0,
                             counts.backAfter(fault.healedAt(), before, nextStart),
                             counts.sum(counts.unknownPerSecond, fault.injectedAt(), end + 1000)));
        }
        return rows;
    }

    private static long end(FaultRecord fault) {
        return Math.max(fault.healedAt(), fault.recoveredAt());
    }

    private double rate(long from, long to) {
        if (to - from < 1000) {
            return Double.NaN;
        }
        return sum(okPerSecond, from, to) * 1000.0 / (to - from);
    }

    /** Whole seconds from the one containing {@code from} up to the one before {@code to}. */
    private long sum(long[] perSecond, long from, long to) {
        long total = 0;
        for (long second = from / 1000; second < Math.min(perSecond.length, (to + 999) / 1000); second++) {
            total += perSecond[(int) second];
        }
        return total;
    }

    /** Seconds from healing to the first whole second with at least half the rate before; -1 if not before limit. */
    private double backAfter(long healedAt, double before, long limit) {
        if (Double.isNaN(before) || before <= 0) {
            return Double.NaN;
        }
        for (long second = healedAt / 1000; second < Math.min(okPerSecond.length, limit / 1000 + 1); second++) {
            if (okPerSecond[(int) second] >= before / 2) {
                return Math.max(0, (second * 1000 - healedAt) / 1000.0);
            }
        }
        return -1;
    }
}
