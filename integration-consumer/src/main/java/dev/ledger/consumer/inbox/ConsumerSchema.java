package dev.ledger.consumer.inbox;

import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The consumer's own PostgreSQL schema, whose tables Flyway creates and migrates. */
public final class ConsumerSchema {

    /** The schema the consumer's tables live in unless configured otherwise. */
    public static final String DEFAULT = "ledger_consumer";

    private static final String MIGRATIONS = "classpath:db/migration/consumer";

    /** The name goes into SQL text (a schema cannot be a bind parameter), so only plain identifiers pass. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private ConsumerSchema() {
    }

    /** Creates or migrates the consumer's tables in {@code schema}. */
    public static void migrate(DataSource dataSource, String schema) {
        Flyway.configure().dataSource(dataSource).schemas(checked(schema)).defaultSchema(schema)
              .locations(MIGRATIONS).load().migrate();
    }

    static String checked(String schema) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain lower-case schema name: " + schema);
        }
        return schema;
    }
}
