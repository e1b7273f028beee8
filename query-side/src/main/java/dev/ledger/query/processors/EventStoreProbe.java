package dev.ledger.query.processors;

import dev.ledger.platform.LedgerStorageProperties;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The event store's head, and when events were appended. The head comes from the event store itself (PostgreSQL or
 * Axon Server); timestamps are only read in the default mode, from {@code domain_event_entry} by primary key, and
 * are unknown with Axon Server.
 */
@Component
class EventStoreProbe {

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final String table;
    private final boolean readsTimestamps;

    EventStoreProbe(EventStore eventStore, JdbcTemplate jdbc, LedgerStorageProperties storage,
                    @Value("${axon.axonserver.enabled:true}") boolean axonServer) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.table = storage.eventStore("domain_event_entry");
        this.readsTimestamps = !axonServer;
    }

    /** The position of the newest event, {@code null} when the store is empty. */
    Long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null || head.position().isEmpty() ? null : head.position().getAsLong();
    }

    /** When the event at {@code position} was appended. */
    Optional<Instant> timestampAt(long position) {
        return readsTimestamps ? first("global_index = ?", position) : Optional.empty();
    }

    /**
     * When the oldest event after {@code position} was appended: what a processor at {@code position} has been
     * waiting for the longest. Reads the first row after the position in the primary-key index.
     */
    Optional<Instant> firstTimestampAfter(long position) {
        return readsTimestamps ? first("global_index > ? ORDER BY global_index LIMIT 1", position) : Optional.empty();
    }

    private Optional<Instant> first(String condition, long position) {
        List<String> stamps = jdbc.queryForList("SELECT time_stamp FROM " + table + " WHERE " + condition,
                                                String.class, position);
        if (stamps.isEmpty() || stamps.get(0) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DateTimeUtils.parseInstant(stamps.get(0)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
