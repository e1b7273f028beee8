package dev.ledger.command.directory;

import dev.ledger.api.Metadata;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.authorization.AuthorizationPlacedEvent;
import dev.ledger.api.transfer.RefundRequestedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Fills the directories. Runs in a subscribing processor, i.e. inside the transaction that appends the event, so
 * a directory row exists exactly when its event does (no window in which a new account is unknown).
 */
@Component
@ProcessingGroup(DirectoryUpdater.PROCESSING_GROUP)
class DirectoryUpdater {

    static final String PROCESSING_GROUP = "directory";

    private final AccountDirectory accounts;
    private final TransferDirectory transfers;

    DirectoryUpdater(AccountDirectory accounts, TransferDirectory transfers) {
        this.accounts = accounts;
        this.transfers = transfers;
    }

    @EventHandler
    void on(AccountOpenedEvent event) {
        accounts.register(event.accountId(), event.currency(), event.ownerRef(), event.owner());
    }

    @EventHandler
    void on(TransferCompletedEvent event, @Timestamp Instant at) {
        transfers.settle(event.transferId(), at);
    }

    @EventHandler
    void on(TransferRejectedEvent event, @Timestamp Instant at) {
        transfers.settle(event.transferId(), at);
    }

    @EventHandler
    void on(TransferFailedEvent event, @Timestamp Instant at) {
        transfers.settle(event.transferId(), at);
    }

    @EventHandler
    void on(TransferRequestedEvent event, @Timestamp Instant at) {
        transfers.register(new TransferDirectory.ListedTransfer(event.transferId(), event.sourceAccountId(),
                                                                event.destinationAccountId(),
                                                                event.amount().amount(), event.amount().currency(),
                                                                event.reference(), event.requestedBy(),
                                                                Metadata.of(event.metadata())), at);
    }

    /** Velocity screening counts authorizations as payments out of their account. */
    @EventHandler
    void on(AuthorizationPlacedEvent event, @Timestamp Instant at) {
        transfers.registerAuthorization(event.authorizationId(), event.accountId(), event.amount().amount(),
                                        event.amount().currency(), at);
    }

    /** Follows the refund's request in the same commit, so its row exists. */
    @EventHandler
    void on(RefundRequestedEvent event) {
        transfers.linkRefund(event.transferId(), event.refundOf());
    }
}
