package dev.ledger.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Sequence gaps on PostgreSQL: an append takes its {@code global_index} when it inserts, but is only visible when it
 * commits. An append held open while later appends commit leaves a gap the processors must step over (not wait at)
 * and still deliver once it commits, within the gap timeout ({@link EventStoreReaderConfiguration}).
 */
class EventStoreGapIntegrationTest extends QuerySideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String CURRENCY = "CAD";

    @Autowired
    private DataSource dataSource;
    @Autowired
    private EventStore eventStore;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;
    @Autowired
    private MockMvc http;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ObjectMapper json;

    @Test
    void shouldDeliverAnAppendThatCommitsAfterLaterAppendsWereProcessed() throws Exception {
        String held = "gap-held-" + UUID.randomUUID();
        String later = "gap-later-" + UUID.randomUUID();
        String world = LedgerIds.systemAccountOf(CURRENCY);
        DomainEvents events = new DomainEvents(now(), "corr-gap");
        eventStore.publish(events.account(held, new AccountOpenedEvent(held, CURRENCY, 0, null, null)));
        awaitVersion(held, 0);

        DomainEventMessage<?> lateDeposit = events.account(
                held, new MoneyDepositedEvent(held, held + ":d1", new Money(5_000, CURRENCY), 5_000, world));
        long heldIndex;
        try (Connection appender = dataSource.getConnection()) {
            appender.setAutoCommit(false);
            heldIndex = insert(appender, lateDeposit);

            // appends that start after it and commit before it
            DomainEvents others = new DomainEvents(now(), "corr-gap");
            others.account(later, new AccountOpenedEvent(later, CURRENCY, 0, null, null));
            others.account(later, new MoneyDepositedEvent(later, later + ":d1", new Money(7_000, CURRENCY), 7_000,
                                                          world));
            eventStore.publish(others.all());
            awaitVersion(later, 1);
            assertThat(positionsOf(later)).allSatisfy(position -> assertThat(position).isGreaterThan(heldIndex));

            // the processors went past the gap, and remember it
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode summary = read(http.perform(get("/admin/processors/{name}",
                                                         ProcessingGroups.ACCOUNT_SUMMARY)));
                assertThat(summary.get("position").asLong()).isGreaterThan(heldIndex);
                assertThat(summary.get("segments")).allSatisfy(
                        segment -> assertThat(segment.get("gaps").asInt()).isPositive());
            });
            http.perform(get("/accounts/{id}", held))
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.balance").value(0));

            appender.commit();
        }

        // nothing lost: both read models get the late append, well within the gap timeout
        http.perform(get("/accounts/{id}", held).param("after", held + "@1").param("wait", "10000"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.version").value(1))
            .andExpect(jsonPath("$.balance").value(5_000));
        http.perform(get("/accounts/{id}/entries", held).param("after", held + "@1").param("wait", "10000"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.processing").value(false))
            .andExpect(jsonPath("$.items[0].entryId").value(held + ":d1"))
            .andExpect(jsonPath("$.items[0].amount").value(5_000));
        // and the double entry of the currency still sums to zero
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT sum(balance) FROM " + READ_MODEL_SCHEMA + ".account_summary WHERE currency = ?", Long.class,
                CURRENCY)).isZero());
    }

    /**
     * A position token waits for gaps at or below it only when they hold a committed event: an append still open,
     * or one rolled back (a burnt position, which Axon keeps as a gap until it cleans gaps up), holds nothing a
     * client can have seen, so it must not hold the read back until the gap is cleaned.
     */
    @Test
    void shouldNotHoldAPositionTokenBackForAGapThatHoldsNoCommittedEvent() throws Exception {
        String held = "gap-burnt-" + UUID.randomUUID();
        String later = "gap-after-burnt-" + UUID.randomUUID();
        DomainEvents events = new DomainEvents(now(), "corr-burnt");
        eventStore.publish(events.account(held, new AccountOpenedEvent(held, CURRENCY, 0, null, null)));
        awaitVersion(held, 0);

        DomainEventMessage<?> burnt = events.account(
                held, new MoneyDepositedEvent(held, held + ":d1", new Money(5_000, CURRENCY), 5_000,
                                              LedgerIds.systemAccountOf(CURRENCY)));
        try (Connection appender = dataSource.getConnection()) {
            appender.setAutoCommit(false);
            long heldIndex = insert(appender, burnt);
            eventStore.publish(new DomainEvents(now(), "corr-burnt")
                                       .account(later, new AccountOpenedEvent(later, CURRENCY, 0, null, null)));
            awaitVersion(later, 0);
            long laterPosition = positionsOf(later).get(0);
            assertThat(laterPosition).isGreaterThan(heldIndex);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(read(http.perform(get(
                    "/admin/processors/{name}", ProcessingGroups.ACCOUNT_SUMMARY))).get("segments")).allSatisfy(
                    segment -> assertThat(segment.get("gaps").asInt()).isPositive()));

            // in flight: nothing committed there
            http.perform(get("/accounts/{id}", later).param("after", "@" + laterPosition).param("wait", "2000"))
                .andExpect(jsonPath("$.processing").value(false))
                .andExpect(jsonPath("$.accountId").value(later));

            appender.rollback();
        }
        // burnt for good: still nothing to wait for
        http.perform(get("/accounts/{id}", later).param("after", "@" + positionsOf(later).get(0))
                                                 .param("wait", "2000"))
            .andExpect(jsonPath("$.processing").value(false));
        http.perform(get("/accounts/{id}", held)).andExpect(jsonPath("$.balance").value(0));
    }

    /** Appends {@code event} as the storage engine would, on {@code connection}, without committing. */
    private long insert(Connection connection, DomainEventMessage<?> event) throws SQLException {
        SerializedObject<byte[]> payload = event.serializePayload(eventSerializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(eventSerializer, byte[].class);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + EVENT_STORE_SCHEMA + ".domain_event_entry (event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING global_index")) {
            insert.setString(1, event.getIdentifier());
            insert.setString(2, event.getAggregateIdentifier());
            insert.setLong(3, event.getSequenceNumber());
            insert.setString(4, event.getType());
            insert.setString(5, DateTimeUtils.formatInstant(event.getTimestamp()));
            insert.setString(6, payload.getType().getName());
            insert.setString(7, payload.getType().getRevision());
            insert.setBytes(8, payload.getData());
            insert.setBytes(9, metaData.getData());
            try (ResultSet generated = insert.executeQuery()) {
                generated.next();
                return generated.getLong(1);
            }
        }
    }

    private void awaitVersion(String accountId, long version) throws Exception {
        http.perform(get("/accounts/{id}", accountId).param("after", accountId + "@" + version)
                                                     .param("wait", "10000"))
            .andExpect(jsonPath("$.processing").value(false));
    }

    private List<Long> positionsOf(String aggregateId) {
        return jdbc.queryForList("SELECT global_index FROM " + EVENT_STORE_SCHEMA
                                         + ".domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                                 aggregateId);
    }

    private JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
