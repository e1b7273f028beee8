package dev.ledger.faultsuite.workload;

import java.time.Duration;

/**
 * The workload's shape.
 *
 * @param clients                  concurrent clients
 * @param seed                     each client's random source derives from it
 * @param accounts                 accounts opened and funded before the load
 * @param initialDeposit           what each of them gets
 * @param reviewThreshold          the screening's amount threshold: larger transfers wait for a review
 * @param concurrentDuplicateShare new operations sent twice at once
 * @param lateDuplicateShare       new operations sent again a few seconds later
 * @param clientTimeout            how long a client waits for an answer before it calls the outcome unknown
 */
public record WorkloadSettings(int clients, long seed, int accounts, long initialDeposit, long reviewThreshold,
                               double concurrentDuplicateShare, double lateDuplicateShare, Duration clientTimeout) {
}
