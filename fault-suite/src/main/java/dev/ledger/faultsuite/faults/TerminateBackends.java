package dev.ledger.faultsuite.faults;

import dev.ledger.faultsuite.process.PostgresCluster;

/** {@code pg_terminate_backend} of every connection to the ledger database: transactions in flight roll back. */
final class TerminateBackends implements Fault {

    private final PostgresCluster postgres;

    TerminateBackends(PostgresCluster postgres) {
        this.postgres = postgres;
    }

    @Override
    public String target() {
        return "postgres";
    }

    @Override
    public String inject() {
        return postgres.terminateBackends() + " backends terminated";
    }

    @Override
    public void heal() {
        // the pools open new connections themselves
    }
}
