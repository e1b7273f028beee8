package dev.ledger.faultsuite.checker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Streams the whole event store in stream order (aggregate, then sequence), payloads decoded from their
 * {@code bytea} JSON; the correlation id comes out of the meta-data in the same statement.
 */
final class EventStoreReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SQL = """
            SELECT aggregate_identifier, sequence_number, payload_type, convert_from(payload, 'UTF8'),
                   convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId', time_stamp
            FROM ledger_command.domain_event_entry
            ORDER BY aggregate_identifier, sequence_number""";

    private EventStoreReader() {
    }

    /** Reads in the caller's transaction (so a cursor streams instead of loading every row). */
    static long read(Connection connection, Consumer<EventRow> sink) throws SQLException {
        long rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setFetchSize(2_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String type = result.getString(3);
                    sink.accept(new EventRow(result.getString(1), result.getLong(2),
                                             type.substring(type.lastIndexOf('.') + 1),
                                             JSON.readTree(result.getString(4)), result.getString(5),
                                             result.getString(6)));
                    rows++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an event payload is not JSON", e);
        }
        return rows;
    }
}
