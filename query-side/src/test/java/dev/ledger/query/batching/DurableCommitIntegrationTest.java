package dev.ledger.query.batching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.query.support.QuerySideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models and the processors' tokens commit durably. With asynchronous commits, a PostgreSQL crash (the
 * fault suite's immediate restart, seed 388971) lost a processor's last committed batches while the work packages
 * that had not met the crash went on from their place in memory: their next token skipped the lost events, and
 * eight accounts' statements missed entries for good. No in-process test can crash the shared server, so this
 * pins the setting the fault suite showed to be necessary.
 */
class DurableCommitIntegrationTest extends QuerySideIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldCommitReadModelsAndTokensSynchronously() {
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
    }
}
