package dev.ledger.query.support;

import dev.ledger.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the query side's integration tests: the whole query-side application (processors, read models, REST)
 * on a private PostgreSQL database whose event store schema the test creates, since the command side that owns
 * it does not run here. Every subclass shares this configuration, so the module's integration tests share one
 * Spring context and one database; tests keep apart by using fresh ids (and currencies of their own where they
 * assert on the per-currency system rows).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
public abstract class QuerySideIntegrationTest {

    public static final String EVENT_STORE_SCHEMA = "ledger_command";
    public static final String READ_MODEL_SCHEMA = "ledger_query";

    private static final TestDatabase.Fresh DATABASE = createDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", () -> DATABASE.password() == null ? "" : DATABASE.password());
        registry.add("ledger.storage.schema", () -> READ_MODEL_SCHEMA);
        registry.add("ledger.storage.event-store-schema", () -> EVENT_STORE_SCHEMA);
        // the reader's idle poll is the floor of every wait in these tests
        registry.add("ledger.event-store.fetch-delay", () -> "20ms");
    }

    private static TestDatabase.Fresh createDatabase() {
        TestDatabase.Fresh database = TestDatabase.shared().newDatabase();
        try (InputStream ddl = QuerySideIntegrationTest.class.getResourceAsStream("/db/command/event_store.sql");
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            if (ddl == null) {
                throw new IllegalStateException("missing test resource db/command/event_store.sql");
            }
            statement.execute("CREATE SCHEMA " + EVENT_STORE_SCHEMA);
            statement.execute("SET search_path TO " + EVENT_STORE_SCHEMA);
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create the event store schema for the query side's tests", e);
        }
        return database;
    }
}
