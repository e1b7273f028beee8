package dev.ledger.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in milliseconds. The histograms hold microseconds: fine enough for
 * sub-millisecond answers, and HdrHistogram keeps 3 significant digits at any magnitude.
 */
record LatencySummary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

    static Histogram newHistogram() {
        // auto-resizing, so a stall of minutes is recorded as it was instead of being clipped
        return new org.HdrHistogram.ConcurrentHistogram(3);
    }

    static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(micros.getTotalCount(),
                                  millis(micros.getValueAtPercentile(50)),
                                  millis(micros.getValueAtPercentile(99)),
                                  millis(micros.getValueAtPercentile(99.9)),
                                  millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
