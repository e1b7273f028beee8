package dev.ledger.bench;

/**
 * One request of a load phase. It gets the time it was meant to start, so an open-loop phase measures latency from
 * the schedule and a stalled server shows up as the queue it causes (no coordinated omission).
 */
@FunctionalInterface
interface LoadStep {

    void run(long intendedStartNanos, PhaseRecorder recorder);
}
