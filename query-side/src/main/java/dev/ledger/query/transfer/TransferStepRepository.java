package dev.ledger.query.transfer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Steps are inserts keyed by (transfer, step): a redelivered event inserts nothing. */
interface TransferStepRepository extends JpaRepository<TransferStep, TransferStep.Key> {

    @Modifying
    @Query(value = """
            INSERT INTO transfer_step (transfer_id, status, at, reason)
            VALUES (:transferId, :status, :at, :reason)
            ON CONFLICT (transfer_id, status) DO NOTHING
            """, nativeQuery = true)
    int record(@Param("transferId") String transferId, @Param("status") String status, @Param("at") Instant at,
               @Param("reason") String reason);

    /** Records a terminal step only while it is the transfer's status, so no step contradicts the status. */
    @Modifying
    @Query(value = """
            INSERT INTO transfer_step (transfer_id, status, at, reason)
            SELECT :transferId, :status, :at, :reason
             WHERE EXISTS (SELECT 1 FROM transfer_view v WHERE v.transfer_id = :transferId AND v.status = :status)
            ON CONFLICT (transfer_id, status) DO NOTHING
            """, nativeQuery = true)
    int recordIfStatus(@Param("transferId") String transferId, @Param("status") String status,
                       @Param("at") Instant at, @Param("reason") String reason);

    /** The timelines of the given transfers, each oldest first. */
    @Query("""
            SELECT s FROM TransferStep s WHERE s.transferId IN :transferIds
            ORDER BY s.transferId, s.at, s.stepNo
            """)
    List<TransferStep> timelines(@Param("transferIds") Collection<String> transferIds);
}
