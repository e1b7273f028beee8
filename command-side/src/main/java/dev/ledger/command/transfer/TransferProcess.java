package dev.ledger.command.transfer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.CaptureHoldCommand;
import dev.ledger.api.account.CreditTransferCommand;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldOutcome;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.PlaceHoldCommand;
import dev.ledger.api.account.ReleaseHoldCommand;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.transfer.CompleteTransferCommand;
import dev.ledger.api.transfer.FailTransferCommand;
import dev.ledger.api.transfer.RejectTransferCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Moves a screened transfer's money: hold on the source → credit the destination → capture the hold → complete.
 * A refusal before the hold ends the transfer REJECTED; a refusal of the credit releases the hold and ends it FAILED.
 * Money is never created or destroyed: until the capture, the destination's credit is balanced by the currency's
 * transit account, which the capture settles.
 * <p>
 * Every command carries ids derived from the transfer id, and the accounts treat a repeat as a no-op, so a
 * redelivered event or a retried step cannot apply twice. A durable watchdog deadline (it survives restarts)
 * re-sends the current step with exponential backoff and jitter when it makes no progress. Only a step before any
 * money could have reached the destination is ever given up (hold released, transfer failed); after the credit,
 * the process can only go forward, so those steps are retried until they succeed, and logged as stuck.
 */
@Saga
@ProcessingGroup(TransferProcess.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class TransferProcess {

    static final String PROCESSING_GROUP = "transfer-process";
    static final String TRANSFER_ID = "transferId";
    static final String WATCHDOG = "transfer-step-watchdog";

    private static final Logger log = LoggerFactory.getLogger(TransferProcess.class);

    private transient CommandGateway commands;
    private transient DeadlineManager deadlines;
    private transient TransferSettings settings;

    private String transferId;
    private String sourceAccountId;
    private String destinationAccountId;
    private Money amount;
    private Step step = Step.AWAIT_SCREENING;
    private RejectionReason failure;
    private int attempt;
    private String watchdogId;

    /** Where the process is; each step has exactly one command that advances it. */
    enum Step {
        AWAIT_SCREENING, RESERVE, CREDIT, CAPTURE, COMPLETE, REJECT, RELEASE, FAIL
    }

    /** Deadline payload: the step the watchdog was armed for. */
    record Watchdog(Step step) {
    }

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

    @StartSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferRequestedEvent event) {
        transferId = event.transferId();
        sourceAccountId = event.sourceAccountId();
        destinationAccountId = event.destinationAccountId();
        amount = event.amount();
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferScreenedEvent event) {
        if (event.decision() == ScreeningDecision.PASSED) {
            advance(Step.RESERVE);
        }
        // REVIEW waits for a reviewer; DENIED is followed by TransferRejectedEvent in the same append
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferApprovedEvent event) {
        advance(Step.RESERVE);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(HoldPlacedEvent event) {
        advance(Step.CREDIT);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(HoldRejectedEvent event) {
        advance(Step.REJECT, event.reason());
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferCreditedEvent event) {
        advance(Step.CAPTURE);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferCreditRejectedEvent event) {
        advance(Step.RELEASE, event.reason());
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(HoldCapturedEvent event) {
        advance(Step.COMPLETE);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(HoldReleasedEvent event) {
        advance(Step.FAIL);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferCompletedEvent event) {
        disarmWatchdog();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferRejectedEvent event) {
        disarmWatchdog();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferFailedEvent event) {
        disarmWatchdog();
    }

    @DeadlineHandler(deadlineName = WATCHDOG)
    void onWatchdog(Watchdog armedFor) {
        watchdogId = null;
        if (armedFor.step() != step) {
            // progress was made since the watchdog was armed; watch the current step afresh
            attempt = 0;
            armWatchdog();
            return;
        }
        attempt++;
        if (step == Step.RESERVE && attempt > settings.maxReserveAttempts()) {
            log.warn("transfer {}: no hold after {} attempts, giving up and compensating", transferId, attempt - 1);
            failure = RejectionReason.STEP_TIMED_OUT;
            attempt = 0;
            step = Step.RELEASE;
        } else if (attempt > settings.maxReserveAttempts()) {
            log.error("transfer {} stuck at {} after {} attempts; still retrying", transferId, step, attempt - 1);
        } else {
            log.info("transfer {}: step {} made no progress, retry {}", transferId, step, attempt);
        }
        sendCurrentStep();
        armWatchdog();
    }

    private void advance(Step next) {
        advance(next, failure);
    }

    private void advance(Step next, RejectionReason reason) {
        if (next.ordinal() <= step.ordinal()) {
            // a redelivered or late event of a step the process has passed: nothing to redo, and it must not
            // rewrite why the process is failing
            return;
        }
        failure = reason;
        step = next;
        attempt = 0;
        sendCurrentStep();
        if (watchdogId == null) {
            armWatchdog();
        }
    }

    /** Sends the one command of the current step. Ids derive from the transfer, so a re-send is a no-op. */
    private void sendCurrentStep() {
        switch (step) {
            case RESERVE -> commands.send(new PlaceHoldCommand(sourceAccountId, holdId(), transferId, amount));
            case CREDIT -> commands.send(new CreditTransferCommand(destinationAccountId, transferId,
                                                                   transferId + ":credit", amount));
            case CAPTURE -> commands.send(new CaptureHoldCommand(sourceAccountId, holdId(), transferId,
                                                                 transferId + ":debit"));
            case COMPLETE -> commands.send(new CompleteTransferCommand(transferId));
            case REJECT -> commands.send(new RejectTransferCommand(transferId, failure, null));
            case RELEASE -> release();
            case FAIL -> commands.send(new FailTransferCommand(transferId, failure, null));
            case AWAIT_SCREENING -> { }
        }
    }

    /**
     * The watchdog is armed once and re-armed when it fires; a step reached in between is first checked when the
     * running watchdog fires (at most one backoff later), which keeps a normal transfer at one schedule and one
     * cancel in {@code scheduled_tasks}.
     * <p>
     * A release that finds no open hold (never placed, or released already) produces no event, so the process
     * would wait forever for one; the command's outcome tells it the hold is not open, which is all it needs to
     * fail the transfer safely. A hold that was captured can never be released: that transfer completes instead.
     */
    private void release() {
        String id = transferId;
        RejectionReason reason = failure;
        commands.<HoldOutcome>send(new ReleaseHoldCommand(sourceAccountId, holdId(), id, String.valueOf(reason)))
                .thenAccept(outcome -> {
                    if (outcome == HoldOutcome.UNKNOWN_HOLD || outcome == HoldOutcome.ALREADY_RELEASED) {
                        commands.send(new FailTransferCommand(id, reason, null));
                    }
                });
    }

    private String holdId() {
        return transferId + ":hold";
    }

    private void armWatchdog() {
        watchdogId = deadlines.schedule(settings.backoff(attempt, ThreadLocalRandom.current()), WATCHDOG,
                                        new Watchdog(step));
    }

    private void disarmWatchdog() {
        if (watchdogId != null) {
            deadlines.cancelSchedule(WATCHDOG, watchdogId);
            watchdogId = null;
        }
    }

    /** Visible for tests. */
    Step step() {
        return step;
    }

}
