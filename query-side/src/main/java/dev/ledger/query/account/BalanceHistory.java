package dev.ledger.query.account;

import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.HoldChange;
import dev.ledger.api.account.Posting;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An account's balance and held sum after each of its versions ({@code account_balance_history}, V10). Written by
 * {@link AccountSummaryWrites} with the summary row; read here for {@code GET /accounts/{id}/balance}; cleared with
 * the summary on a replay, and rebuilt from the account's stream when reconciliation repairs its summary row.
 */
@Component
class BalanceHistory {

    private static final String COLUMNS = "version, balance, held, at";

    private final JdbcTemplate jdbc;
    /** An account's events from a sequence number on, snapshots aside. */
    private final StreamReader events;

    /**
     * Reads with the storage engine where there is one (the default mode): the event store's reader of a whole
     * stream starts at the aggregate's latest snapshot. With Axon Server there is no engine bean; its store reads
     * from a sequence number without snapshots.
     */
    BalanceHistory(JdbcTemplate jdbc, EventStore eventStore, ObjectProvider<EventStorageEngine> engine) {
        this.jdbc = jdbc;
        EventStorageEngine storage = engine.getIfAvailable();
        this.events = storage != null ? storage::readEvents : eventStore::readEvents;
    }

    @FunctionalInterface
    private interface StreamReader {
        DomainEventStream readEvents(String aggregateId, long firstSequenceNumber);
    }

    /** The account after one version. */
    record Point(long version, long balance, long held, Instant at) {
    }

    /** The newest version written at or before {@code at}; empty when the account had none then. */
    Optional<Point> at(String accountId, Instant at) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM account_balance_history WHERE account_id = ? AND at <= ?"
                                        + " ORDER BY at DESC, version DESC LIMIT 1",
                                BalanceHistory::point, accountId, at.atOffset(ZoneOffset.UTC)));
    }

    /** The account right after {@code version}. */
    Optional<Point> version(String accountId, long version) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM account_balance_history WHERE account_id = ? AND version = ?",
                                BalanceHistory::point, accountId, version));
    }

    /**
     * When the account's first event after {@code version} was written, from the event store: empty when the
     * store has none yet. Read through Axon's storage engine, so it works on either event store; the summary is
     * normally at or near the stream's head, so this reads few events.
     */
    Optional<Instant> nextEventAfter(String accountId, long version) {
        DomainEventStream stream = events.readEvents(accountId, version + 1);
        return stream.hasNext() ? Optional.of(stream.next().getTimestamp()) : Optional.empty();
    }

    /** Empties the history, with the summary, before a replay rebuilds both. */
    void clear() {
        jdbc.update("TRUNCATE account_balance_history");
    }

    /** Forgets an account's history (its summary row was deleted: the event store knows nothing of it). */
    void forget(String accountId) {
        jdbc.update("DELETE FROM account_balance_history WHERE account_id = ?", accountId);
    }

    /**
     * Rewrites an account's history from its stream, up to {@code version}, in the caller's transaction: the repair
     * of a summary row that diverged from the event store must not leave the old history behind it. The fold is
     * the summary projection's: a {@link Posting} sets the balance it reports, a {@link HoldChange} (a review's hold or
     * an authorization's reservation, placed, captured or released) the held sum, anything else leaves both and only
     * moves the version. New kinds of postings and reservations take these shapes, so this fold needs no change.
     */
    void rebuild(String accountId, long version) {
        forget(accountId);
        List<Object[]> rows = new ArrayList<>();
        long balance = 0;
        long held = 0;
        DomainEventStream stream = events.readEvents(accountId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() > version) {
                break;
            }
            Object payload = event.getPayload();
            if (payload instanceof AccountOpenedEvent) {
                balance = 0;
                held = 0;
            }
            if (payload instanceof Posting posting) {
                balance = posting.balanceAfter();
            }
            if (payload instanceof HoldChange change) {
                held = change.heldAfter();
            }
            rows.add(new Object[]{accountId, event.getSequenceNumber(), balance, held,
                                  event.getTimestamp().atOffset(ZoneOffset.UTC)});
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO account_balance_history (account_id, version, balance, held, at)"
                                     + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, version) DO NOTHING", rows);
        }
    }

    private static Point point(ResultSet row, int index) throws SQLException {
        Timestamp at = row.getTimestamp("at");
        return new Point(row.getLong("version"), row.getLong("balance"), row.getLong("held"), at.toInstant());
    }

    private static Optional<Point> first(List<Point> points) {
        return points.stream().findFirst();
    }
}
