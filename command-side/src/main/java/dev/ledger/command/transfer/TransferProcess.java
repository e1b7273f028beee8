package dev.ledger.command.transfer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.platform.security.PrincipalDispatchInterceptor;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import dev.ledger.command.screening.ScreeningPolicy;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The part of a transfer that spans time: a transfer held for review. It starts when the review's hold is placed
 * (in the request's commit), arms a durable deadline (it survives restarts) for the review timeout, and ends when
 * the hold is settled: captured on approval or released on rejection, both in the reviewer's commit. A review
 * nobody decided in time is expired: rejected and its hold released, in one commit.
 * <p>
 * Transfers that need no review never reach this process: they commit once, in {@link TransferBooking}. That is
 * also why the process reacts to hold events only: holds exist only for reviews, so the process's processor has
 * no saga work for the events of ordinary transfers.
 * <p>
 * An expiry that fails (a lost connection, a conflicting append) is retried with exponential backoff and jitter by
 * a second deadline armed before the command is sent; the expiry is a no-op once the transfer left review, so a
 * retry can never apply twice.
 */
@Saga
@ProcessingGroup(TransferProcess.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class TransferProcess {

    static final String PROCESSING_GROUP = "transfer-process";
    static final String TRANSFER_ID = "transferId";
    static final String REVIEW_DEADLINE = "transfer-review-timeout";
    /** The principal recorded on the events of a review that expired: the ledger, not a person. */
    static final String REVIEW_EXPIRY_PRINCIPAL = "ledger:review-expiry";

    private static final Logger log = LoggerFactory.getLogger(TransferProcess.class);

    private transient CommandGateway commands;
    private transient DeadlineManager deadlines;
    private transient TransferSettings settings;
    private transient ScreeningPolicy screening;

    private String transferId;
    private int attempt;

    @Autowired
    void setCommands(CommandGateway commands) {
        this.commands = commands;
    }

    @Autowired
    void setDeadlines(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    @Autowired
    void setSettings(TransferSettings settings) {
        this.settings = settings;
    }

    @Autowired
    void setScreening(ScreeningPolicy screening) {
        this.screening = screening;
    }

    /** The review timeout runs from when the hold was placed, however late this processor sees it. */
    @StartSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(HoldPlacedEvent event, @Timestamp Instant placedAt) {
        transferId = event.transferId();
        deadlines.schedule(placedAt.plus(screening.reviewTimeout()), REVIEW_DEADLINE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(HoldCapturedEvent event) {
        deadlines.cancelAllWithinScope(REVIEW_DEADLINE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(HoldReleasedEvent event) {
        deadlines.cancelAllWithinScope(REVIEW_DEADLINE);
    }

    @DeadlineHandler(deadlineName = REVIEW_DEADLINE)
    void onReviewTimeout() {
        if (attempt > 0) {
            log.warn("transfer {}: review expiry not yet settled, retry {}", transferId, attempt);
        }
        // armed first: if the expiry below fails, or this process dies before it commits, the retry still comes
        deadlines.schedule(settings.backoff(attempt++, ThreadLocalRandom.current()), REVIEW_DEADLINE);
        // the ledger itself acts here, not whoever requested the transfer: its events say so
        commands.send(GenericCommandMessage.asCommandMessage(new ExpireTransferReviewCommand(transferId))
                                           .andMetaData(Map.of(PrincipalDispatchInterceptor.PRINCIPAL_KEY,
                                                               REVIEW_EXPIRY_PRINCIPAL,
                                                               PrincipalDispatchInterceptor.CLIENT_KEY,
                                                               REVIEW_EXPIRY_PRINCIPAL)));
    }
}
