package dev.ledger.query.processors;

import java.util.Set;

/**
 * Names of the query side's processing groups: one per read model, each with its own token, so each can be
 * replayed alone. The names are also the processor names shown in Axon Server's dashboard.
 */
public final class ProcessingGroups {

    public static final String ACCOUNT_SUMMARY = "account-summary";
    public static final String ACCOUNT_STATEMENT = "account-statement";
    public static final String TRANSFERS = "transfers";
    public static final String AUTHORIZATIONS = "authorizations";
    /** Not a read model: the relay that publishes integration events to RabbitMQ (see the relay package). */
    public static final String INTEGRATION_EVENTS = "integration-events";

    /** Groups whose state no query reads: their failures degrade the node's health, never take it down. */
    public static final Set<String> NOT_READ_BY_QUERIES = Set.of(INTEGRATION_EVENTS);

    private ProcessingGroups() {
    }
}
