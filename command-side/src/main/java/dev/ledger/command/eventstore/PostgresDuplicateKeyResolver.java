package dev.ledger.command.eventstore;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises PostgreSQL's unique-violation (SQLSTATE 23505). Axon's JDBC default looks for
 * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws; without this, two
 * writers appending the same sequence number of one aggregate would surface as a generic storage error instead
 * of a {@code ConcurrencyException} that can be retried.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
