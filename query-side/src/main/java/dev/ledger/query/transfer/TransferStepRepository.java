package dev.ledger.query.transfer;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Reads of the timelines; steps are written by {@link TransferWrites}, at most once per (transfer, step). */
interface TransferStepRepository extends JpaRepository<TransferStep, TransferStep.Key> {

    /** The timelines of the given transfers, each oldest first. */
    @Query("""
            SELECT s FROM TransferStep s WHERE s.transferId IN :transferIds
            ORDER BY s.transferId, s.at, s.stepNo
            """)
    List<TransferStep> timelines(@Param("transferIds") Collection<String> transferIds);
}
