package dev.ledger.query.transfer;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Writes of the transfers read model are single guarded statements, never read-modify-write, so a redelivered
 * event changes nothing:
 * <ul>
 *     <li>fields decided by the transfer's own events are guarded by its stream's sequence number
 *     ({@code version});</li>
 *     <li>the status only moves forward ({@code status_rank}), whichever aggregate's event moves it;</li>
 *     <li>steps are keyed by (transfer, step) and inserted at most once ({@link TransferStepRepository}).</li>
 * </ul>
 */
interface TransferRepository extends JpaRepository<TransferRecord, String>, JpaSpecificationExecutor<TransferRecord> {

    /**
     * Makes sure the transfer has a row, a placeholder when its request was not applied yet, and records that
     * something happened to it at {@code at}.
     */
    @Modifying
    @Query(value = """
            INSERT INTO transfer_view (transfer_id, status, status_rank, version, updated_at)
            VALUES (:transferId, 'REQUESTED', 0, -1, :at)
            ON CONFLICT (transfer_id) DO UPDATE
               SET updated_at = GREATEST(transfer_view.updated_at, EXCLUDED.updated_at)
            """, nativeQuery = true)
    int ensureRow(@Param("transferId") String transferId, @Param("at") Instant at);

    /**
     * Creates the row, or fills a placeholder in. Leaves the status alone: a placeholder may already be further.
     *
     * @return 1 when applied, 0 when the request was applied before
     */
    @Modifying
    @Query(value = """
            INSERT INTO transfer_view (transfer_id, source_account_id, destination_account_id, amount, currency,
                                       reference, status, status_rank, correlation_id, version, requested_at,
                                       updated_at)
            VALUES (:transferId, :sourceAccountId, :destinationAccountId, :amount, :currency, :reference,
                    'REQUESTED', 0, :correlationId, :version, :at, :at)
            ON CONFLICT (transfer_id) DO UPDATE
               SET source_account_id = EXCLUDED.source_account_id,
                   destination_account_id = EXCLUDED.destination_account_id,
                   amount = EXCLUDED.amount,
                   currency = EXCLUDED.currency,
                   reference = EXCLUDED.reference,
                   correlation_id = EXCLUDED.correlation_id,
                   requested_at = EXCLUDED.requested_at,
                   version = GREATEST(transfer_view.version, EXCLUDED.version),
                   updated_at = GREATEST(transfer_view.updated_at, EXCLUDED.updated_at)
             WHERE transfer_view.requested_at IS NULL
            """, nativeQuery = true)
    int applyRequested(@Param("transferId") String transferId, @Param("sourceAccountId") String sourceAccountId,
                       @Param("destinationAccountId") String destinationAccountId, @Param("amount") long amount,
                       @Param("currency") String currency, @Param("reference") String reference,
                       @Param("correlationId") String correlationId, @Param("version") long version,
                       @Param("at") Instant at);

    /**
     * The one guarded write for an event of the transfer's own stream after the request: sets what the event
     * decided ({@code null} leaves a column as it is) and the version, only if no event at or after
     * {@code version} of the stream was applied yet. The row must exist ({@link #ensureRow}).
     *
     * @return 1 when applied, 0 when this or a later event of the transfer was applied already
     */
    @Modifying
    @Query(value = """
            UPDATE transfer_view
               SET screening_decision = COALESCE(CAST(:screeningDecision AS VARCHAR), screening_decision),
                   screening_hits = COALESCE(CAST(:screeningHits AS JSONB), screening_hits),
                   reviewer = COALESCE(CAST(:reviewer AS VARCHAR), reviewer),
                   review_note = COALESCE(CAST(:reviewNote AS TEXT), review_note),
                   version = :version,
                   updated_at = GREATEST(updated_at, :at)
             WHERE transfer_id = :transferId AND version < :version
            """, nativeQuery = true)
    int applyStreamEvent(@Param("transferId") String transferId, @Param("version") long version,
                         @Param("at") Instant at, @Param("screeningDecision") String screeningDecision,
                         @Param("screeningHits") String screeningHitsJson, @Param("reviewer") String reviewer,
                         @Param("reviewNote") String reviewNote);

    /**
     * Moves the status forward; never back, and never out of a terminal status (all terminal statuses share the
     * highest rank).
     *
     * @return 1 when the status changed
     */
    @Modifying
    @Query(value = """
            UPDATE transfer_view
               SET status = :status,
                   status_rank = :rank,
                   status_reason = :reason,
                   status_detail = :detail,
                   updated_at = GREATEST(updated_at, :at)
             WHERE transfer_id = :transferId AND status_rank < :rank
            """, nativeQuery = true)
    int advanceStatus(@Param("transferId") String transferId, @Param("status") String status,
                      @Param("rank") int rank, @Param("reason") String reason, @Param("detail") String detail,
                      @Param("at") Instant at);

    /**
     * Moves the status forward to {@code FUNDS_RESERVED} for a hold, unless the transfer awaits its reviewer
     * (screened for review, no decision yet): since transfers commit once, the hold of a reviewed transfer is placed
     * with its screening, and the transfer stays {@code IN_REVIEW} until the reviewer decides. In older histories
     * the hold came after the approval, which names a reviewer.
     *
     * @return 1 when the status changed
     */
    @Modifying
    @Query(value = """
            UPDATE transfer_view
               SET status = :status,
                   status_rank = :rank,
                   status_reason = NULL,
                   status_detail = NULL,
                   updated_at = GREATEST(updated_at, :at)
             WHERE transfer_id = :transferId AND status_rank < :rank
               AND NOT (screening_decision = 'REVIEW' AND reviewer IS NULL)
            """, nativeQuery = true)
    int reserveFunds(@Param("transferId") String transferId, @Param("status") String status, @Param("rank") int rank,
                     @Param("at") Instant at);

    @Modifying
    @Query(value = "TRUNCATE transfer_view, transfer_step RESTART IDENTITY", nativeQuery = true)
    void truncate();
}
