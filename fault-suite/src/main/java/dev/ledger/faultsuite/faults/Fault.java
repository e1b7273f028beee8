package dev.ledger.faultsuite.faults;

/** One fault: something broken, held broken for a while by the nemesis, then healed. */
interface Fault {

    /** The process or component it hits, for the report. */
    String target();

    /** Breaks it; returns what it did, for the record. */
    String inject();

    /** Removes the cause (restart, resume); nothing for faults that are over when injected. */
    void heal();
}
