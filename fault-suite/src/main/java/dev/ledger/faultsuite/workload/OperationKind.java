package dev.ledger.faultsuite.workload;

/** What an operation asks of the command side. */
public enum OperationKind {
    OPEN,
    DEPOSIT,
    WITHDRAW,
    TRANSFER,
    REVIEW,
    FREEZE,
    UNFREEZE
}
