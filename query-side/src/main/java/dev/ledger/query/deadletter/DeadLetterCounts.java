package dev.ledger.query.deadletter;

import dev.ledger.platform.LedgerStorageProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Parked events per processing group, straight from the dead-letter table, if this schema has one (a build without
 * dead-letter queues simply reports none).
 */
@Component
public class DeadLetterCounts {

    private final JdbcTemplate jdbc;
    private final String table;

    DeadLetterCounts(JdbcTemplate jdbc, LedgerStorageProperties storage) {
        this.jdbc = jdbc;
        this.table = storage.own(DeadLetterConfiguration.TABLE);
    }

    /** Letters per processing group (groups without letters are absent); empty when there is no such table. */
    public Optional<Map<String, Long>> byGroup() {
        Boolean exists = jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table);
        if (!Boolean.TRUE.equals(exists)) {
            return Optional.empty();
        }
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT processing_group, count(*) AS letters FROM " + table + " GROUP BY processing_group",
                   rs -> {
                       counts.put(rs.getString("processing_group"), rs.getLong("letters"));
                   });
        return Optional.of(counts);
    }
}
