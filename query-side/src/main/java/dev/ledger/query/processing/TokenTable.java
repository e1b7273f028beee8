package dev.ledger.query.processing;

import dev.ledger.platform.LedgerStorageProperties;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The processors' tokens as every node sees them: the rows of this service's {@code token_entry}, read without
 * claiming anything. A node only knows the segments it processes itself; this table also shows the others (their
 * owner, position, whether they replay), as of each segment's last committed batch.
 */
@Component
public class TokenTable {

    private static final Logger log = LoggerFactory.getLogger(TokenTable.class);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String table;

    TokenTable(JdbcTemplate jdbc, TokenStore tokenStore, Serializer serializer, LedgerStorageProperties storage) {
        this.jdbc = jdbc;
        // tokens must be read with the serializer that wrote them
        this.serializer = tokenStore instanceof JdbcTokenStore jdbcStore ? jdbcStore.serializer() : serializer;
        this.table = storage.own("token_entry");
    }

    /** The segments of {@code processorName}, in segment order; empty when it has not initialised its tokens. */
    public List<Entry> entries(String processorName) {
        List<Row> rows = jdbc.query(
                "SELECT segment, token, token_type, owner, timestamp FROM " + table
                        + " WHERE processor_name = ? ORDER BY segment",
                (rs, i) -> new Row(rs.getInt("segment"), rs.getBytes("token"), rs.getString("token_type"),
                                   rs.getString("owner"), rs.getString("timestamp")),
                processorName);
        int[] ids = rows.stream().mapToInt(Row::segment).toArray();
        return rows.stream().map(row -> row.toEntry(processorName, ids, serializer)).toList();
    }

    /**
     * One segment's row.
     *
     * @param status    the segment's position, replay state and reset position, as Axon computes them for a token
     * @param owner     the node holding the claim, {@code null} when released
     * @param updatedAt when the owner last stored the token or extended its claim
     */
    public record Entry(int segment, EventTrackerStatus status, String owner, Instant updatedAt) {
    }

    private record Row(int segment, byte[] token, String tokenType, String owner, String timestamp) {

        Entry toEntry(String processorName, int[] allSegments, Serializer serializer) {
            Segment segmentOf = Segment.computeSegment(segment, allSegments);
            return new Entry(segment, new TrackerStatus(segmentOf, token(processorName, serializer)), owner,
                             updatedAt());
        }

        private TrackingToken token(String processorName, Serializer serializer) {
            if (token == null || tokenType == null) {
                return null;
            }
            try {
                return new GenericTokenEntry<>(token, tokenType, timestamp, owner, processorName, segment,
                                               byte[].class).getToken(serializer);
            } catch (RuntimeException e) {
                log.warn("cannot read the token of {} segment {}: {}", processorName, segment, e.toString());
                return null;
            }
        }

        private Instant updatedAt() {
            try {
                return timestamp == null ? null : Instant.parse(timestamp);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
