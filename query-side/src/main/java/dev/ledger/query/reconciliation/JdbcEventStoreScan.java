package dev.ledger.query.reconciliation;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Scans {@code domain_event_entry} in keyset batches ({@code global_index > last ORDER BY global_index LIMIT n}):
 * each batch is one short statement on an index range, so a scan of millions of events holds no transaction,
 * cursor or snapshot open, and memory holds one batch at a time. Only the columns a fold needs are read (no
 * meta-data); payloads go through the configured upcaster chain and the event serializer, exactly as the storage
 * engine would deserialize them.
 * <p>
 * Not a snapshot of the store: an event whose transaction commits after the scan passed its index is not seen.
 * The run treats the read model rows such an event touched as ahead of the scan and re-reads their streams.
 */
final class JdbcEventStoreScan implements EventStoreScan {

    private static final byte[] NO_META_DATA = "{}".getBytes(StandardCharsets.UTF_8);

    private final DataSource dataSource;
    private final EventSchema schema;
    private final Serializer eventSerializer;
    private final Supplier<? extends EventUpcaster> upcasters;
    private final int batchSize;
    private final String query;

    JdbcEventStoreScan(DataSource dataSource, EventSchema schema, Serializer eventSerializer,
                       Supplier<? extends EventUpcaster> upcasters, int batchSize) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.eventSerializer = eventSerializer;
        this.upcasters = upcasters;
        this.batchSize = batchSize;
        this.query = "SELECT " + String.join(", ", schema.globalIndexColumn(), schema.typeColumn(),
                                             schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(),
                                             schema.eventIdentifierColumn(), schema.timestampColumn(),
                                             schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                                             schema.payloadColumn())
                + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " ORDER BY " + schema.globalIndexColumn() + " LIMIT ?";
    }

    @Override
    public long scan(long upTo, Sink sink, Progress progress) {
        long after = -1;
        long fed = 0;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setFetchSize(batchSize);
                while (after < upTo) {
                    ReconciliationInterruptedException.checkInterrupted();
                    statement.setLong(1, after);
                    statement.setLong(2, upTo);
                    statement.setInt(3, batchSize);
                    List<GenericDomainEventEntry<byte[]>> batch = new ArrayList<>(batchSize);
                    long last = after;
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            last = rows.getLong(1);
                            String type = rows.getString(2);
                            batch.add(new GenericDomainEventEntry<>(type == null ? "" : type, rows.getString(3),
                                                                    rows.getLong(4), rows.getString(5),
                                                                    rows.getString(6), rows.getString(7),
                                                                    rows.getString(8), rows.getBytes(9),
                                                                    NO_META_DATA));
                        }
                    }
                    fed += feed(batch, sink);
                    if (batch.size() < batchSize) {
                        progress.reached(upTo, fed);
                        break;
                    }
                    after = last;
                    progress.reached(after, fed);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + schema.domainEventTable() + " after index " + after, e);
        }
        return fed;
    }

    private long feed(List<GenericDomainEventEntry<byte[]>> batch, Sink sink) {
        if (batch.isEmpty()) {
            return 0;
        }
        long fed = 0;
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(batch.stream(), eventSerializer,
                                                                                      upcasters.get());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            sink.accept(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                        event.getPayload());
            fed++;
        }
        return fed;
    }
}
