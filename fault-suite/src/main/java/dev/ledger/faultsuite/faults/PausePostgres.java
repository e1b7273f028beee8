package dev.ledger.faultsuite.faults;

import dev.ledger.faultsuite.process.PostgresCluster;

/** Every PostgreSQL process stopped, then continued: queries in flight hang, connections neither fail nor answer. */
final class PausePostgres implements Fault {

    private final PostgresCluster postgres;

    PausePostgres(PostgresCluster postgres) {
        this.postgres = postgres;
    }

    @Override
    public String target() {
        return "postgres";
    }

    @Override
    public String inject() {
        postgres.pause();
        return "SIGSTOP";
    }

    @Override
    public void heal() {
        postgres.resume();
    }
}
