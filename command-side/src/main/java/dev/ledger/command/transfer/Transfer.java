package dev.ledger.command.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.transfer.CompleteTransferCommand;
import dev.ledger.api.transfer.FailTransferCommand;
import dev.ledger.api.transfer.RejectTransferCommand;
import dev.ledger.api.transfer.RequestTransferCommand;
import dev.ledger.api.transfer.ReviewDecision;
import dev.ledger.api.transfer.ReviewTransferCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.command.directory.AccountDirectory;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.screening.ScreeningPolicy;
import dev.ledger.command.screening.ScreeningPolicy.ScreeningResult;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A transfer's state and its screening decision: the consistency boundary that makes "screened, then money
 * moved" auditable. The decision and the state it leads to are applied in one command, so they commit in one
 * append. Moving the money is the {@link TransferProcess}'s job; this aggregate only records where it got.
 */
@Aggregate(cache = "transferCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Transfer {

    static final String REVIEW_DEADLINE = "transfer-review-timeout";

    @AggregateIdentifier
    private String transferId;
    private String sourceAccountId;
    private String destinationAccountId;
    private Money amount;
    private Stage stage;

    /**
     * What the aggregate itself must know to accept or refuse the next command. Finer states (funds reserved,
     * credited) are the transfer process's business and show on the query side.
     */
    enum Stage {
        IN_REVIEW, MOVING_MONEY, COMPLETED, REJECTED, FAILED;

        boolean isTerminal() {
            return this == COMPLETED || this == REJECTED || this == FAILED;
        }
    }

    Transfer() {
        // for event sourcing
    }

    @CommandHandler
    Transfer(RequestTransferCommand command, AccountDirectory directory, ScreeningPolicy screening,
             DeadlineManager deadlines) {
        if (!LedgerIds.isValid(command.transferId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid transfer id");
        }
        if (command.amount() == null || !command.amount().withinOperationLimits()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "amount must be between 1 and " + Money.MAX_OPERATION_AMOUNT);
        }
        if (command.sourceAccountId() == null || command.destinationAccountId() == null) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "source and destination are required");
        }
        if (command.sourceAccountId().equals(command.destinationAccountId())) {
            throw new LedgerRuleViolation(ErrorCode.SAME_ACCOUNT, "source and destination must differ");
        }
        ListedAccount source = listed(directory, command.sourceAccountId());
        ListedAccount destination = listed(directory, command.destinationAccountId());
        String currency = command.amount().currency();
        if (!source.currency().equals(currency) || !destination.currency().equals(currency)) {
            throw new LedgerRuleViolation(ErrorCode.CURRENCY_MISMATCH,
                                          "both accounts must be in " + currency + " (source " + source.currency()
                                                  + ", destination " + destination.currency() + ")");
        }
        ScreeningResult verdict = screening.screen(source, destination, command.amount());

        apply(new TransferRequestedEvent(command.transferId(), command.sourceAccountId(),
                                         command.destinationAccountId(), command.amount(), command.reference()));
        apply(new TransferScreenedEvent(command.transferId(), verdict.decision(), verdict.hits()));
        if (verdict.decision() == ScreeningDecision.DENIED) {
            apply(new TransferRejectedEvent(command.transferId(), RejectionReason.SCREENING_DENIED,
                                            describe(verdict)));
        } else if (verdict.decision() == ScreeningDecision.REVIEW) {
            deadlines.schedule(screening.reviewTimeout(), REVIEW_DEADLINE);
        }
    }

    @CommandHandler
    long handle(ReviewTransferCommand command, DeadlineManager deadlines) {
        if (stage != Stage.IN_REVIEW) {
            throw new LedgerRuleViolation(ErrorCode.TRANSFER_NOT_IN_REVIEW,
                                          stage.isTerminal() ? "transfer is " + stage : "transfer was already reviewed or needed no review");
        }
        if (command.decision() == null || command.reviewer() == null || command.reviewer().isBlank()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "decision and reviewer are required");
        }
        deadlines.cancelAllWithinScope(REVIEW_DEADLINE);
        if (command.decision() == ReviewDecision.APPROVE) {
            apply(new TransferApprovedEvent(transferId, command.reviewer(), command.note()));
        } else {
            apply(new TransferRejectedEvent(transferId, RejectionReason.REVIEW_REJECTED,
                                            "rejected by " + command.reviewer()
                                                    + (command.note() == null ? "" : ": " + command.note())));
        }
        return AggregateLifecycle.getVersion();
    }

    @DeadlineHandler(deadlineName = REVIEW_DEADLINE)
    void onReviewTimeout() {
        if (stage == Stage.IN_REVIEW) {
            apply(new TransferRejectedEvent(transferId, RejectionReason.REVIEW_TIMED_OUT,
                                            "no review decision in time"));
        }
    }

    // The three commands below come from the transfer process and may be redelivered: once terminal, a transfer
    // ignores them instead of failing the process. Money only moves after screening passed or a reviewer
    // approved, so completing or failing is only possible then.

    @CommandHandler
    void handle(CompleteTransferCommand command) {
        if (stage == Stage.MOVING_MONEY) {
            apply(new TransferCompletedEvent(transferId, sourceAccountId, destinationAccountId, amount));
        }
    }

    @CommandHandler
    void handle(RejectTransferCommand command) {
        if (!stage.isTerminal()) {
            apply(new TransferRejectedEvent(transferId, command.reason(), command.detail()));
        }
    }

    @CommandHandler
    void handle(FailTransferCommand command) {
        if (stage == Stage.MOVING_MONEY) {
            apply(new TransferFailedEvent(transferId, command.reason(), command.detail()));
        }
    }

    private static ListedAccount listed(AccountDirectory directory, String accountId) {
        return directory.find(accountId).orElseThrow(
                () -> new LedgerRuleViolation(ErrorCode.UNKNOWN_ACCOUNT, "no account " + accountId));
    }

    private static String describe(ScreeningResult verdict) {
        return verdict.hits().stream()
                      .filter(hit -> hit.outcome() == ScreeningDecision.DENIED)
                      .map(ScreeningRuleHit::rule)
                      .distinct()
                      .collect(Collectors.joining(", ", "screening: ", ""));
    }

    @EventSourcingHandler
    void on(TransferRequestedEvent event) {
        transferId = event.transferId();
        sourceAccountId = event.sourceAccountId();
        destinationAccountId = event.destinationAccountId();
        amount = event.amount();
    }

    @EventSourcingHandler
    void on(TransferScreenedEvent event) {
        // DENIED is followed by TransferRejectedEvent in the same append
        stage = event.decision() == ScreeningDecision.REVIEW ? Stage.IN_REVIEW : Stage.MOVING_MONEY;
    }

    @EventSourcingHandler
    void on(TransferApprovedEvent event) {
        stage = Stage.MOVING_MONEY;
    }

    @EventSourcingHandler
    void on(TransferCompletedEvent event) {
        stage = Stage.COMPLETED;
    }

    @EventSourcingHandler
    void on(TransferRejectedEvent event) {
        stage = Stage.REJECTED;
    }

    @EventSourcingHandler
    void on(TransferFailedEvent event) {
        stage = Stage.FAILED;
    }
}
