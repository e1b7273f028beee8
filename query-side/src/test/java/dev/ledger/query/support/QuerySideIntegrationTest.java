package dev.ledger.query.support;

/**
 * Base of the query side's integration tests: the whole query-side application ({@link QuerySideApplicationTest})
 * on a private PostgreSQL database. Every subclass shares this configuration, so the module's integration tests
 * share one Spring context and one database; tests keep apart by using fresh ids (and currencies of their own where
 * they assert on the per-currency system rows).
 */
@QuerySideApplicationTest
public abstract class QuerySideIntegrationTest {

    public static final String EVENT_STORE_SCHEMA = "ledger_command";
    public static final String READ_MODEL_SCHEMA = "ledger_query";
}
