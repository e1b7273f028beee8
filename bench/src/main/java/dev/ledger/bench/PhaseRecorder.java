package dev.ledger.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * What one load phase saw, recorded by many threads at once: POST latency (from the intended send time), answers by
 * status, and for followed transfers how long they took to show as finished on the query side and how they ended.
 */
final class PhaseRecorder {

    final String name;
    final String kind;
    final String accountChoice;
    final double targetRatePerSec;
    final Histogram postLatencyMicros = LatencySummary.newHistogram();
    final Histogram completionLatencyMicros = LatencySummary.newHistogram();
    final StatusCounts postStatuses = new StatusCounts();
    final StatusCounts queryStatuses = new StatusCounts();
    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder retried = new LongAdder();
    private final Map<String, LongAdder> followedOutcomes = new ConcurrentHashMap<>();
    private long startNanos;
    private long endNanos;
    private long drainedNanos;

    PhaseRecorder(String name, String kind, String accountChoice, double targetRatePerSec) {
        this.name = name;
        this.kind = kind;
        this.accountChoice = accountChoice;
        this.targetRatePerSec = targetRatePerSec;
    }

    void started() {
        startNanos = System.nanoTime();
    }

    void ended() {
        endNanos = System.nanoTime();
        drainedNanos = endNanos;
    }

    /** Projections and followed transfers have caught up (or the drain wait ran out). */
    void drained() {
        drainedNanos = System.nanoTime();
    }

    void recordPost(LedgerHttp.Answer answer, long intendedStartNanos) {
        sent.increment();
        retried.add(answer.retries());
        if (answer.accepted()) {
            accepted.increment();
            postLatencyMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - intendedStartNanos));
        }
    }

    void recordFollowed(String outcome, long acceptedAtNanos) {
        followedOutcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        if ("COMPLETED".equals(outcome)) {
            completionLatencyMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - acceptedAtNanos));
        }
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    double secondsUntilDrained() {
        return (drainedNanos - startNanos) / 1e9;
    }

    Map<String, Long> followedOutcomes() {
        Map<String, Long> copy = new TreeMap<>();
        followedOutcomes.forEach((outcome, count) -> copy.put(outcome, count.sum()));
        return copy;
    }
}
