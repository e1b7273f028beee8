package dev.ledger.faultsuite.workload;

/**
 * One line of the history.
 *
 * @param index     order of recording
 * @param atMillis  milliseconds since the history began
 * @param client    the client thread
 * @param opId      the operation
 * @param phase     invocation or completion
 * @param attempt   the attempt's number within its operation (1 = first send)
 * @param how       {@code first}, {@code twin} (sent concurrently with the first), {@code retry} (after an
 *                  unknown), {@code late} (sent again later whatever the first answer was), {@code drain}
 *                  (after healing)
 * @param node      the service instance it was sent to
 * @param status    HTTP status, 0 without an answer, -1 for an invocation
 * @param detail    the problem's code, the exception, or {@code v=<version>} of an acceptance
 */
public record HistoryEntry(long index, long atMillis, String client, String opId, Phase phase, int attempt,
                           String how, String node, int status, String detail) {

    @Override
    public String toString() {
        return String.format("%7d %9.3fs %-10s %-10s %-7s #%d %-5s %-9s %s %s", index, atMillis / 1000.0, client, opId,
                             phase, attempt, how, node, phase == Phase.INVOKE ? "" : Integer.toString(status),
                             detail == null ? "" : detail);
    }
}
