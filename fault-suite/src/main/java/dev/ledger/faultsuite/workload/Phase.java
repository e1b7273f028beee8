package dev.ledger.faultsuite.workload;

/**
 * A step of an attempt in the history, Jepsen's vocabulary: an invocation, then its completion as ok (the ledger
 * accepted), fail (a decision: it refused and wrote nothing) or unknown (no decision seen: a timeout, a broken
 * connection, a 5xx, a 503, a request with the same key still in flight).
 */
public enum Phase {
    INVOKE,
    OK,
    FAIL,
    UNKNOWN
}
