package dev.ledger.query.transfer;

import dev.ledger.query.batching.BatchedWrites;
import dev.ledger.query.metadata.MetadataJson;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * The transfers read model's writes of one batch. Per event they were two to four guarded statements (row,
 * version, status, step), most of a replay's cost; now a batch reads the rows and steps of all its transfers once,
 * locking the rows ({@code FOR UPDATE}, in transfer-id order) until it commits, applies its events to them in
 * memory with exactly the guards the statements had (each operation below says which statement it stands for),
 * and just before it commits writes each changed row once and the new steps in the order they were recorded (so
 * a timeline's tie-break, the step number, is the same). The processing group is sequenced by transfer, so the
 * rows a batch locks are its segment's alone. How the batch is sent, and what happens when that fails, is
 * {@link BatchedWrites}'s.
 * <p>
 * One file over 300 lines because the in-memory guards must mirror, rule for rule, the statements that write
 * them; split, the two would drift.
 */
@Component
class TransferWrites {

    private static final String RESOURCE = TransferWrites.class.getName();
    private static final String LOCK_ROWS = """
            SELECT transfer_id, source_account_id, destination_account_id, amount, currency, reference, status,
                   status_rank, status_reason, status_detail, screening_decision, screening_hits::text, reviewer,
                   review_note, correlation_id, requested_by, source_owner, destination_owner, version,
                   requested_at, updated_at
              FROM transfer_view WHERE transfer_id = ANY (?) ORDER BY transfer_id FOR UPDATE
            """;
    private static final String READ_STEPS = """
            SELECT transfer_id, status FROM transfer_step WHERE transfer_id = ANY (?)
            """;
    private static final String WRITE_ROW = """
            INSERT INTO transfer_view (transfer_id, source_account_id, destination_account_id, amount, currency,
                                       reference, status, status_rank, status_reason, status_detail,
                                       screening_decision, screening_hits, reviewer, review_note, correlation_id,
                                       requested_by, source_owner, destination_owner, version, requested_at,
                                       updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB), ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (transfer_id) DO UPDATE
               SET source_account_id = EXCLUDED.source_account_id,
                   destination_account_id = EXCLUDED.destination_account_id,
                   amount = EXCLUDED.amount,
                   currency = EXCLUDED.currency,
                   reference = EXCLUDED.reference,
                   status = EXCLUDED.status,
                   status_rank = EXCLUDED.status_rank,
                   status_reason = EXCLUDED.status_reason,
                   status_detail = EXCLUDED.status_detail,
                   screening_decision = EXCLUDED.screening_decision,
                   screening_hits = EXCLUDED.screening_hits,
                   reviewer = EXCLUDED.reviewer,
                   review_note = EXCLUDED.review_note,
                   correlation_id = EXCLUDED.correlation_id,
                   requested_by = EXCLUDED.requested_by,
                   source_owner = EXCLUDED.source_owner,
                   destination_owner = EXCLUDED.destination_owner,
                   version = EXCLUDED.version,
                   requested_at = EXCLUDED.requested_at,
                   updated_at = EXCLUDED.updated_at
            """;
    private static final String INSERT_STEP = """
            INSERT INTO transfer_step (transfer_id, status, at, reason) VALUES (?, ?, ?, ?)
            ON CONFLICT (transfer_id, status) DO NOTHING
            """;
    private static final String LABEL = """
            UPDATE transfer_view SET metadata = CAST(? AS JSONB) WHERE transfer_id = ?
            """;
    private static final String REVIEW = "REVIEW";

    private final JdbcTemplate jdbc;
    private final BatchedWrites batches;

    TransferWrites(JdbcTemplate jdbc, BatchedWrites batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Makes sure the transfer has a row, a placeholder when its request was not applied yet, and records that
     * something happened to it at {@code at} (was: insert, on conflict {@code updated_at = GREATEST(..)}).
     */
    void ensureRow(String transferId, Instant at) {
        write(batch -> batch.ensureRow(transferId, at));
    }

    /** Creates the row, or fills a placeholder in; leaves the status alone (was: upsert where not requested). */
    void applyRequested(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                        String currency, String reference, String correlationId, Parties parties, long version,
                        Instant at) {
        write(batch -> {
            Row row = batch.row(transferId);
            if (row == null) {
                row = batch.placeholder(transferId, at);
                row.version = version;
            } else if (row.requestedAt != null) {
                return;
            }
            row.sourceAccountId = sourceAccountId;
            row.destinationAccountId = destinationAccountId;
            row.amount = amount;
            row.currency = currency;
            row.reference = reference;
            row.correlationId = correlationId;
            row.requestedBy = parties.requestedBy();
            row.sourceOwner = parties.sourceOwner();
            row.destinationOwner = parties.destinationOwner();
            row.requestedAt = at;
            row.version = Math.max(row.version, version);
            row.touch(at);
        });
    }

    /**
     * Sets the labels of a transfer's request. A statement of its own after the rows are written, only for a
     * transfer that has labels: the row's upsert stays as it was, a label never changes after the request, and a
     * replay of unlabelled transfers costs nothing more. Idempotent (the same labels again).
     */
    void label(String transferId, Map<String, String> metadata) {
        if (metadata != null && !metadata.isEmpty()) {
            String json = MetadataJson.toJson(metadata);
            write(batch -> batch.labels.add(new Object[]{json, transferId}));
        }
    }

    /**
     * Sets what an event of the transfer's own stream decided ({@code null} = unchanged) and the version, only if
     * no event at or after {@code version} of the stream was applied yet (was: update where version below).
     *
     * @return whether it was applied
     */
    boolean applyStreamEvent(String transferId, long version, Instant at, String screeningDecision,
                             String screeningHitsJson, String reviewer, String reviewNote) {
        return compute(batch -> {
            Row row = batch.row(transferId);
            if (row == null || row.version >= version) {
                return false;
            }
            row.screeningDecision = screeningDecision != null ? screeningDecision : row.screeningDecision;
            row.screeningHits = screeningHitsJson != null ? screeningHitsJson : row.screeningHits;
            row.reviewer = reviewer != null ? reviewer : row.reviewer;
            row.reviewNote = reviewNote != null ? reviewNote : row.reviewNote;
            row.version = version;
            row.touch(at);
            return true;
        });
    }

    /** Moves the status forward, never back (was: update where the rank is below). */
    void advanceStatus(String transferId, String status, int rank, String reason, String detail, Instant at) {
        write(batch -> {
            Row row = batch.row(transferId);
            if (row != null && row.statusRank < rank) {
                row.moveTo(status, rank, reason, detail, at);
            }
        });
    }

    /**
     * Moves the status forward for a hold, unless the transfer awaits its reviewer. As the statement's
     * {@code NOT (screening_decision = 'REVIEW' AND reviewer IS NULL)} did in SQL's logic, a transfer not screened
     * yet and without a reviewer does not move.
     */
    void reserveFunds(String transferId, String status, int rank, Instant at) {
        write(batch -> {
            Row row = batch.row(transferId);
            boolean awaitsReviewer = row != null && (row.screeningDecision == null ? row.reviewer == null
                    : REVIEW.equals(row.screeningDecision) && row.reviewer == null);
            if (row != null && row.statusRank < rank && !awaitsReviewer) {
                row.moveTo(status, rank, null, null, at);
            }
        });
    }

    /** Records the step unless the transfer has it (was: insert, on conflict nothing). */
    void record(String transferId, String step, Instant at, String reason) {
        write(batch -> batch.record(transferId, step, at, reason));
    }

    /** Records a terminal step only while it is the transfer's status (was: insert where exists such a row). */
    void recordIfStatus(String transferId, String status, Instant at, String reason) {
        write(batch -> {
            Row row = batch.row(transferId);
            if (row != null && status.equals(row.status)) {
                batch.record(transferId, status, at, reason);
            }
        });
    }

    private void write(Consumer<Batch> operation) {
        compute(batch -> {
            operation.accept(batch);
            return null;
        });
    }

    private <R> R compute(Function<Batch, R> operation) {
        return batches.apply(RESOURCE, () -> new Batch(transfersOfTheBatch()), Batch::flush, operation);
    }

    /** The transfers of a processor's batch, to read them in one go on its first write. */
    private static Collection<String> transfersOfTheBatch() {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batching)) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        for (Object message : batching.getMessages()) {
            if (message instanceof EventMessage<?> event) {
                TransferSequencingPolicy.transferIdOf(event.getPayload()).ifPresent(ids::add);
            }
        }
        return ids;
    }

    /** The rows and steps of one batch's transfers, as its events leave them. */
    private final class Batch {

        private final Collection<String> expected;
        private final Set<String> read = new HashSet<>();
        private final Map<String, Row> rows = new HashMap<>();
        private final Set<StepKey> steps = new HashSet<>();
        private final List<Object[]> newSteps = new ArrayList<>();
        private final List<Object[]> labels = new ArrayList<>();

        Batch(Collection<String> expected) {
            this.expected = expected;
        }

        /** The transfer's row, {@code null} when it has none. */
        Row row(String transferId) {
            if (!read.contains(transferId)) {
                Set<String> ids = new TreeSet<>();
                ids.add(transferId);
                for (String id : expected) {
                    if (!read.contains(id)) {
                        ids.add(id);
                    }
                }
                load(ids);
            }
            return rows.get(transferId);
        }

        void ensureRow(String transferId, Instant at) {
            Row row = row(transferId);
            if (row == null) {
                placeholder(transferId, at);
            } else {
                row.touch(at);
            }
        }

        Row placeholder(String transferId, Instant at) {
            Row row = new Row(transferId);
            row.status = "REQUESTED";
            row.statusRank = 0;
            row.version = -1;
            row.updatedAt = at;
            row.changed = true;
            rows.put(transferId, row);
            return row;
        }

        void record(String transferId, String step, Instant at, String reason) {
            row(transferId);
            if (steps.add(new StepKey(transferId, step))) {
                newSteps.add(new Object[]{transferId, step, utc(at), new SqlParameterValue(Types.VARCHAR, reason)});
            }
        }

        private void load(Set<String> ids) {
            read.addAll(ids);
            jdbc.query(connection -> withIds(connection.prepareStatement(LOCK_ROWS), ids), (ResultSet result) -> {
                Row row = new Row(result.getString(1));
                row.sourceAccountId = result.getString(2);
                row.destinationAccountId = result.getString(3);
                long amount = result.getLong(4);
                row.amount = result.wasNull() ? null : amount;
                row.currency = result.getString(5);
                row.reference = result.getString(6);
                row.status = result.getString(7);
                row.statusRank = result.getInt(8);
                row.statusReason = result.getString(9);
                row.statusDetail = result.getString(10);
                row.screeningDecision = result.getString(11);
                row.screeningHits = result.getString(12);
                row.reviewer = result.getString(13);
                row.reviewNote = result.getString(14);
                row.correlationId = result.getString(15);
                row.requestedBy = result.getString(16);
                row.sourceOwner = result.getString(17);
                row.destinationOwner = result.getString(18);
                row.version = result.getLong(19);
                row.requestedAt = instant(result.getObject(20, OffsetDateTime.class));
                row.updatedAt = instant(result.getObject(21, OffsetDateTime.class));
                rows.put(row.transferId, row);
            });
            jdbc.query(connection -> withIds(connection.prepareStatement(READ_STEPS), ids), (ResultSet result) -> {
                steps.add(new StepKey(result.getString(1), result.getString(2)));
            });
        }

        private PreparedStatement withIds(PreparedStatement statement, Set<String> ids) throws SQLException {
            Array array = statement.getConnection().createArrayOf("varchar", ids.toArray());
            statement.setArray(1, array);
            return statement;
        }

        /** Writes the changed rows and the new steps; the rows stay read (and locked) for the rest of the batch. */
        void flush() {
            List<Object[]> changed = new ArrayList<>();
            new TreeMap<>(rows).values().stream().filter(row -> row.changed).forEach(row -> {
                changed.add(row.values());
                row.changed = false;
            });
            if (!changed.isEmpty()) {
                jdbc.batchUpdate(WRITE_ROW, changed);
            }
            if (!newSteps.isEmpty()) {
                jdbc.batchUpdate(INSERT_STEP, newSteps);
                newSteps.clear();
            }
            if (!labels.isEmpty()) {
                jdbc.batchUpdate(LABEL, labels);
                labels.clear();
            }
        }
    }

    private record StepKey(String transferId, String step) {
    }

    /**
     * Who asked for a transfer and who owns its two accounts, as its request names them; they decide who sees it.
     *
     * @param requestedBy      the principal who requested it, or {@code null}
     * @param sourceOwner      owner of the source account, or {@code null}
     * @param destinationOwner owner of the destination account, or {@code null}
     */
    record Parties(String requestedBy, String sourceOwner, String destinationOwner) {
    }

    /** A row of {@code transfer_view}. */
    private static final class Row {
        final String transferId;
        String sourceAccountId;
        String destinationAccountId;
        Long amount;
        String currency;
        String reference;
        String status;
        int statusRank;
        String statusReason;
        String statusDetail;
        String screeningDecision;
        String screeningHits;
        String reviewer;
        String reviewNote;
        String correlationId;
        String requestedBy;
        String sourceOwner;
        String destinationOwner;
        long version;
        Instant requestedAt;
        Instant updatedAt;
        boolean changed;

        Row(String transferId) {
            this.transferId = transferId;
        }

        void touch(Instant at) {
            updatedAt = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
            changed = true;
        }

        void moveTo(String newStatus, int rank, String reason, String detail, Instant at) {
            status = newStatus;
            statusRank = rank;
            statusReason = reason;
            statusDetail = detail;
            touch(at);
        }

        Object[] values() {
            return new Object[]{transferId, text(sourceAccountId), text(destinationAccountId),
                                new SqlParameterValue(Types.BIGINT, amount), text(currency), text(reference), status,
                                statusRank, text(statusReason), text(statusDetail), text(screeningDecision),
                                text(screeningHits), text(reviewer), text(reviewNote), text(correlationId),
                                text(requestedBy), text(sourceOwner), text(destinationOwner), version,
                                new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, utc(requestedAt)),
                                utc(updatedAt)};
        }
    }

    /** Typed, so a null needs no round trip to ask the server for its parameter type. */
    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
