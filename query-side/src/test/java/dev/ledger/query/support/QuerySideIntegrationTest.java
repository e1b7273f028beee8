package dev.ledger.query.support;

import dev.ledger.testsupport.ServiceTestProperties;
import dev.ledger.testsupport.TestDatabase;
import dev.ledger.testsupport.TestIssuer;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the query side's integration tests: the whole query-side application (processors, read models, REST)
 * on a private PostgreSQL database whose event store schema the test creates, since the command side that owns
 * it does not run here. Every subclass shares this configuration, so the module's integration tests share one
 * Spring context and one database; tests keep apart by using fresh ids (and currencies of their own where they
 * assert on the per-currency system rows).
 * <p>
 * The service accepts the tokens of the JVM's {@link TestIssuer}, exactly as it accepts a real issuer's (discovery,
 * JWKS, signature, issuer, audience, time); MockMvc requests carry one of {@link Callers} ({@link DefaultCaller}
 * unless a test names another).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@Import(DefaultCaller.class)
public abstract class QuerySideIntegrationTest {

    public static final String EVENT_STORE_SCHEMA = "ledger_command";
    public static final String READ_MODEL_SCHEMA = "ledger_query";

    private static final TestDatabase.Fresh DATABASE = createDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        register(registry, DATABASE);
    }

    /**
     * The properties of a query side on {@code database}; a test that must not share the module's database (it
     * asserts on what a whole queue or processor holds) declares the same annotations as this class and calls
     * this from its own {@code @DynamicPropertySource} with a {@link #createDatabase()} of its own.
     */
    public static void register(DynamicPropertyRegistry registry, TestDatabase.Fresh database) {
        ServiceTestProperties.register(registry, database);
        registry.add("ledger.storage.schema", () -> READ_MODEL_SCHEMA);
        registry.add("ledger.storage.event-store-schema", () -> EVENT_STORE_SCHEMA);
        // the reader's idle poll is the floor of every wait in these tests
        registry.add("ledger.event-store.fetch-delay", () -> "20ms");
        // one waiting read at a time: the tests send their requests one after another, so only a test that means
        // to (TransferQueryControllerIntegrationTest) ever meets the cap, without a context of its own
        registry.add("ledger.limits.max-concurrent-waits", () -> 1);
    }

    /** A new database with the event store's schema. */
    public static TestDatabase.Fresh createDatabase() {
        TestDatabase.Fresh database = TestDatabase.shared().newDatabase();
        // The command side's own migration, not a copy: the query side's tests read exactly the table it writes.
        // (The build puts it on this module's test class path.)
        database.createSchemaFrom(EVENT_STORE_SCHEMA, "db/migration/command/V1__event_store.sql");
        return database;
    }
}
