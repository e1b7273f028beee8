package dev.ledger.bench;

import java.util.Map;

/**
 * The summary of one phase, as reported. Rates are per second of the phase; {@code completedPerSec} divides the
 * transfers the query side finally shows COMPLETED by the time from the phase's start until projections and
 * followed transfers had caught up after it, so a backlog the phase leaves behind lowers it.
 */
record PhaseResult(String name, String kind, String accountChoice, double seconds, double secondsUntilDrained,
                   double targetRatePerSec, long sent, long accepted, double acceptedPerSec, long retried,
                   long completed, double completedPerSec, Map<String, Long> finalStatuses,
                   LatencySummary postLatency, LatencySummary acceptedToCompleted,
                   Map<String, Long> followedOutcomes, Map<Integer, Long> postStatuses,
                   Map<Integer, Long> queryStatuses, Map<String, Long> maxLagEvents, Map<String, Double> maxLagSeconds,
                   Map<String, Double> coresBusy,
                   Map<String, Long> peakRssKb) {

    static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : Math.round(count / seconds * 10) / 10.0;
    }

    boolean isTransfers() {
        return kind.startsWith("transfers");
    }
}
