package dev.ledger.query.transfer;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Reads of the transfers read model; its writes are batched by {@link TransferWrites}, with the same guards, so a
 * redelivered event changes nothing:
 * <ul>
 *     <li>fields decided by the transfer's own events are guarded by its stream's sequence number
 *     ({@code version});</li>
 *     <li>the status only moves forward ({@code status_rank}), whichever aggregate's event moves it;</li>
 *     <li>steps are keyed by (transfer, step) and inserted at most once.</li>
 * </ul>
 */
interface TransferRepository extends JpaRepository<TransferRecord, String>, JpaSpecificationExecutor<TransferRecord> {

    @Modifying
    @Query(value = "TRUNCATE transfer_view, transfer_step RESTART IDENTITY", nativeQuery = true)
    void truncate();
}
