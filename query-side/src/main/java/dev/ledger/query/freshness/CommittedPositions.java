package dev.ledger.query.freshness;

import dev.ledger.platform.LedgerStorageProperties;
import java.sql.Array;
import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which of a tracking token's gaps hold a committed event. A gap is a position a processor went past before anything
 * was committed there: either an append still in flight, which may still commit, or one that failed and burnt the
 * position for good (each lost optimistic-lock race does, see the command side's SharedLocks). Axon keeps both kinds
 * in the token until it cleans gaps up (after {@code gap-cleaning-threshold} of them), so a wait for "no gap at or
 * below the position" could last for as long as one burnt position stays. A read only has to wait for what it could
 * have seen: an event that is committed. Nothing a client read or wrote can sit in a gap that holds no committed
 * row, so only gaps that do hold one (the processor has not fetched them yet) hold a read back.
 */
@Component
class CommittedPositions {

    private final JdbcTemplate jdbc;
    private final String table;

    CommittedPositions(JdbcTemplate jdbc, LedgerStorageProperties storage) {
        this.jdbc = jdbc;
        this.table = storage.eventStore("domain_event_entry");
    }

    /** Whether any of {@code positions} holds a committed event (read by primary key). */
    boolean anyCommitted(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return false;
        }
        Boolean found = jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE global_index = ANY (?))");
            Array array = connection.createArrayOf("bigint", positions.toArray());
            statement.setArray(1, array);
            return statement;
        }, result -> result.next() && result.getBoolean(1));
        return Boolean.TRUE.equals(found);
    }
}
