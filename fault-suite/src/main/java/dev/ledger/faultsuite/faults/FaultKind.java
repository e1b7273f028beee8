package dev.ledger.faultsuite.faults;

/** The faults the suite injects; every kind at least once per quick run and three times per full run. */
public enum FaultKind {
    KILL_COMMAND_SIDE("kill -9 of a command-side instance, restarted on its port"),
    KILL_QUERY_SIDE("kill -9 of the query side, restarted on its port"),
    KILL_AUTH_SERVER("kill -9 of the authorization server, restarted on its port"),
    POSTGRES_RESTART("PostgreSQL restarted in immediate mode (crash recovery from the WAL)"),
    POSTGRES_TERMINATE_BACKENDS("every connection to the ledger database terminated"),
    POSTGRES_PAUSE("PostgreSQL paused (SIGSTOP of every server process) past the client timeout"),
    SERVICE_PAUSE("a service paused (SIGSTOP) past the client timeout"),
    READ_MODEL_REPLAY("every read model rebuilt from the event store under load");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
