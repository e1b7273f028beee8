package dev.ledger.query.reconciliation;

import java.time.Instant;

/**
 * A run as stored in {@code reconciliation_run}.
 *
 * @param trigger          MANUAL or SCHEDULED
 * @param status           RUNNING, COMPLETED or FAILED
 * @param repair           whether the run was asked to repair
 * @param currency         the run's scope, {@code null} for all currencies
 * @param headPosition     the event-store position reconciled against ({@code null} until known)
 * @param eventsRead       events scanned so far
 * @param divergences      divergences found (all of them, also beyond those kept)
 * @param inFlight         rows and entries that were behind only because their projection was busy
 * @param repaired         whether any divergence was repaired
 * @param repairedCount    how many divergences were repaired
 * @param error            why a FAILED run failed
 */
public record ReconciliationRecord(String runId, String trigger, String status, boolean repair, String currency,
                                   Instant startedAt, Instant heartbeatAt, Instant finishedAt, Long headPosition,
                                   long eventsRead, long accountsChecked, long transfersChecked, int divergences,
                                   int inFlight, boolean repaired, int repairedCount, String error) {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
}
