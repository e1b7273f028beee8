package dev.ledger.query.reconciliation;

/** A run stopped because its thread was interrupted, normally because the application is shutting down. */
class ReconciliationInterruptedException extends RuntimeException {

    ReconciliationInterruptedException() {
        super("reconciliation interrupted (shutdown)");
    }

    static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ReconciliationInterruptedException();
        }
    }
}
