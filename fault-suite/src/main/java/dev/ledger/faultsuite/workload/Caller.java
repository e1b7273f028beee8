package dev.ledger.faultsuite.workload;

/**
 * Who sends a request. The suite's own client holds the holder, treasury, operator and auditor roles; reviews and
 * freezes need compliance, and four eyes forbid a requester to review its own transfer, so they come from the demo
 * compliance client.
 */
public enum Caller {
    SUITE,
    COMPLIANCE
}
