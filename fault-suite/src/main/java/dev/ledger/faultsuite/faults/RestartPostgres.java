package dev.ledger.faultsuite.faults;

import dev.ledger.faultsuite.process.PostgresCluster;

/** {@code pg_ctl restart -m immediate}: every connection dropped, uncommitted work lost, WAL replayed at start. */
final class RestartPostgres implements Fault {

    private final PostgresCluster postgres;

    RestartPostgres(PostgresCluster postgres) {
        this.postgres = postgres;
    }

    @Override
    public String target() {
        return "postgres";
    }

    @Override
    public String inject() {
        postgres.restartImmediately();
        return "restarted";
    }

    @Override
    public void heal() {
        // restart already brought it back
    }
}
