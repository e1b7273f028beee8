package dev.ledger.platform.tokens;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The processors' tokens as every node sees them: the rows of one {@code token_entry} table, read without
 * claiming anything. A node only knows the segments it processes itself; this table also shows the others (their
 * owner, position, whether they replay), as of each segment's last committed batch. The table may belong to the
 * other service (the command side watches the query side's processors), so it is named in full.
 */
public class TokenTable {

    private static final Logger log = LoggerFactory.getLogger(TokenTable.class);
    private static final String QUALIFIED_NAME = "[a-z_][a-z0-9_]{0,62}\\.[a-z_][a-z0-9_]{0,62}";
    private static final String COLUMNS = "processor_name, segment, token, token_type, owner, timestamp";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String table;

    /**
     * @param jdbc       the connection to read with (its query timeout applies)
     * @param serializer the serializer that wrote the tokens
     * @param table      {@code schema.table}, lower-case SQL identifiers (it is part of the statement)
     */
    public TokenTable(JdbcTemplate jdbc, Serializer serializer, String table) {
        if (table == null || !table.matches(QUALIFIED_NAME)) {
            throw new IllegalArgumentException("a token table is named schema.table in lower case, not " + table);
        }
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.table = table;
    }

    /** {@code schema.table}. */
    public String name() {
        return table;
    }

    /** Whether the table exists: the service owning it may not have created its schema yet. */
    public boolean exists() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table));
    }

    /** The segments of {@code processorName}, in segment order; empty when it has not initialised its tokens. */
    public List<Entry> entries(String processorName) {
        List<Row> rows = jdbc.query("SELECT " + COLUMNS + " FROM " + table
                                            + " WHERE processor_name = ? ORDER BY segment", TokenTable::row,
                                    processorName);
        return entriesOf(processorName, rows);
    }

    /** Every processor with tokens in this table, by name, each with its segments in segment order. */
    public Map<String, List<Entry>> all() {
        Map<String, List<Row>> byProcessor = new LinkedHashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM " + table + " ORDER BY processor_name, segment",
                   (rs, i) -> byProcessor.computeIfAbsent(rs.getString("processor_name"), n -> new ArrayList<>())
                                         .add(row(rs, i)));
        Map<String, List<Entry>> entries = new LinkedHashMap<>();
        byProcessor.forEach((processor, rows) -> entries.put(processor, entriesOf(processor, rows)));
        return entries;
    }

    private List<Entry> entriesOf(String processorName, List<Row> rows) {
        int[] ids = rows.stream().mapToInt(Row::segment).toArray();
        return rows.stream().map(row -> row.toEntry(processorName, ids, serializer)).toList();
    }

    private static Row row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        return new Row(rs.getInt("segment"), rs.getBytes("token"), rs.getString("token_type"), rs.getString("owner"),
                       rs.getString("timestamp"));
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
