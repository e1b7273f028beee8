package dev.ledger.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.CaptureHoldCommand;
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.CreditTransferCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldOutcome;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.PlaceHoldCommand;
import dev.ledger.api.account.ReleaseHoldCommand;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.command.LedgerRuleViolation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer account: the consistency boundary for its balance, holds and status. Every change is decided here
 * against the current state and recorded as one event; concurrent writers collide on the stream's sequence
 * number, never silently overwrite each other.
 * <p>
 * Each deposit and withdrawal is one double-entry posting against the currency's system account; each transfer
 * leg (credit of the destination, capture of the source's hold) posts against the currency's transit account.
 * The events name the contra account, whose balance the query side derives, so per currency all balances sum to
 * zero.
 * <p>
 * {@code available = balance + overdraftLimit − held}. Holds reserve funds for a transfer without posting; every
 * debit (withdrawal or new hold) must fit into what is available, so {@code balance − held >= −overdraftLimit}
 * holds at all times.
 */
@Aggregate(cache = "accountCache", snapshotTriggerDefinition = "accountSnapshotTrigger")
// Snapshots are serialized from fields: the aggregate deliberately exposes no getters.
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Account {

    @AggregateIdentifier
    private String accountId;
    private String currency;
    private long balance;
    private long overdraftLimit;
    private AccountStatus status;
    /** Sum of the open holds' amounts. */
    private long held;
    private Map<String, OpenHold> openHolds = new HashMap<>();
    /*
     * Hold ids and transfer ids are remembered for good, not for a while: a retried command arriving after its id
     * was forgotten would reserve or credit a second time, creating money. The cost is snapshot size linear in the
     * number of transfers the account took part in.
     */
    private Map<String, HoldState> closedHolds = new HashMap<>();
    /** Transfers this account was credited for, or refused a credit for. */
    private Set<String> settledCredits = new HashSet<>();

    Account() {
        // for event sourcing and snapshots
    }

    @CommandHandler
    Account(OpenAccountCommand command) {
        if (!LedgerIds.isValid(command.accountId()) || LedgerIds.isSystemAccount(command.accountId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid account id");
        }
        if (!Money.isCurrency(command.currency())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "currency must be an ISO-4217 code");
        }
        if (command.overdraftLimit() < 0 || command.overdraftLimit() > Money.MAX_OPERATION_AMOUNT) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "overdraftLimit must be between 0 and " + Money.MAX_OPERATION_AMOUNT);
        }
        apply(new AccountOpenedEvent(command.accountId(), command.currency(), command.overdraftLimit(),
                                     command.ownerRef()));
    }

    @CommandHandler
    long handle(DepositMoneyCommand command) {
        requireOpen();
        requirePostable(command.amount());
        long after;
        try {
            after = Math.addExact(balance, command.amount().amount());
        } catch (ArithmeticException overflow) {
            throw new LedgerRuleViolation(ErrorCode.BALANCE_OVERFLOW, "the balance would overflow");
        }
        apply(new MoneyDepositedEvent(accountId, command.postingId(), command.amount(), after,
                                      LedgerIds.systemAccountOf(currency)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(WithdrawMoneyCommand command) {
        requireOpen();
        requirePostable(command.amount());
        long amount = command.amount().amount();
        if (!covers(amount)) {
            throw new LedgerRuleViolation(ErrorCode.INSUFFICIENT_FUNDS,
                                          "withdrawal exceeds the available amount (balance plus overdraft limit "
                                                  + "minus holds)");
        }
        // Cannot overflow: covers() proved balance − held − amount >= −overdraftLimit, and held >= 0.
        long after = Math.subtractExact(balance, amount);
        apply(new MoneyWithdrawnEvent(accountId, command.postingId(), command.amount(), after,
                                      LedgerIds.systemAccountOf(currency)));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Reserves funds for a transfer. A refusal the transfer must react to (frozen, closed, other currency, not
     * covered) is a {@link HoldRejectedEvent}, not an exception; only a malformed command is an error.
     */
    @CommandHandler
    void handle(PlaceHoldCommand command) {
        requireValidAmount(command.amount());
        requireId(command.holdId(), "holdId");
        requireId(command.transferId(), "transferId");
        if (openHolds.containsKey(command.holdId()) || closedHolds.containsKey(command.holdId())) {
            // A retry: the first attempt's event (placed or rejected) is the answer, the saga already has it.
            return;
        }
        RejectionReason refusal = holdRefusal(command.amount());
        if (refusal != null) {
            apply(new HoldRejectedEvent(accountId, command.holdId(), command.transferId(), command.amount(),
                                        refusal));
            return;
        }
        apply(new HoldPlacedEvent(accountId, command.holdId(), command.transferId(), command.amount(),
                                  held + command.amount().amount()));
    }

    private RejectionReason holdRefusal(Money amount) {
        RejectionReason notOpen = refusalForStatus();
        if (notOpen != null) {
            return notOpen;
        }
        if (!currency.equals(amount.currency())) {
            return RejectionReason.CURRENCY_MISMATCH;
        }
        if (!covers(amount.amount())) {
            return RejectionReason.INSUFFICIENT_FUNDS;
        }
        // held <= balance + overdraftLimit, which may exceed a long only for a balance near Long.MAX_VALUE.
        return held > Long.MAX_VALUE - amount.amount() ? RejectionReason.BALANCE_OVERFLOW : null;
    }

    /**
     * Gives reserved funds back. Never refused for the account's status: a frozen account must still let a
     * failed transfer's compensation through, or the reservation would be stuck for good.
     */
    @CommandHandler
    HoldOutcome handle(ReleaseHoldCommand command) {
        requireId(command.holdId(), "holdId");
        OpenHold hold = openHolds.get(command.holdId());
        if (hold == null) {
            HoldOutcome outcome = outcomeForHoldNotOpen(command.holdId());
            if (outcome == HoldOutcome.UNKNOWN_HOLD && !closedHolds.containsKey(command.holdId())
                    && command.transferId() != null) {
                // A transfer gave up before its hold arrived. Record the id as refused, so a PlaceHold still on
                // its way (a retry, another node) becomes a no-op instead of reserving funds nobody will release.
                apply(new HoldRejectedEvent(accountId, command.holdId(), command.transferId(), money(0),
                                            RejectionReason.STEP_TIMED_OUT));
            }
            return outcome;
        }
        requireSameTransfer(command.holdId(), hold, command.transferId());
        apply(new HoldReleasedEvent(accountId, command.holdId(), hold.transferId(), money(hold.amount()),
                                    held - hold.amount(), command.reason()));
        return HoldOutcome.APPLIED;
    }

    /**
     * Turns a hold into a posted debit against the transit account.
     * <p>
     * Deliberately not refused on a frozen account: the funds were reserved while it was open, and the transfer's
     * destination has already been credited from the transit account. Refusing the capture would leave that
     * credit unbacked — money created — and releasing instead would hand the frozen customer money that already
     * left. The freeze stops new debits and credits, not the settlement of a reservation made before it.
     */
    @CommandHandler
    HoldOutcome handle(CaptureHoldCommand command) {
        OpenHold hold = openHolds.get(command.holdId());
        if (hold == null) {
            return outcomeForHoldNotOpen(command.holdId());
        }
        requireSameTransfer(command.holdId(), hold, command.transferId());
        requireId(command.postingId(), "postingId");
        // Cannot overflow: the hold is covered, so balance − amount >= held − amount − overdraftLimit >= −10^15.
        long balanceAfter = Math.subtractExact(balance, hold.amount());
        apply(new HoldCapturedEvent(accountId, command.holdId(), hold.transferId(), command.postingId(),
                                    money(hold.amount()), balanceAfter, held - hold.amount(),
                                    LedgerIds.transitAccountOf(currency)));
        return HoldOutcome.APPLIED;
    }

    private HoldOutcome outcomeForHoldNotOpen(String holdId) {
        HoldState state = holdId == null ? null : closedHolds.get(holdId);
        if (state == HoldState.RELEASED) {
            return HoldOutcome.ALREADY_RELEASED;
        }
        if (state == HoldState.CAPTURED) {
            return HoldOutcome.ALREADY_CAPTURED;
        }
        // A rejected hold reserved nothing, so to a release or capture it is as unknown as one never asked for.
        return HoldOutcome.UNKNOWN_HOLD;
    }

    /**
     * Credits a transfer's destination against the transit account. Refusals are events the transfer reacts to
     * (by releasing the source's hold).
     */
    @CommandHandler
    void handle(CreditTransferCommand command) {
        requireValidAmount(command.amount());
        requireId(command.transferId(), "transferId");
        requireId(command.postingId(), "postingId");
        if (settledCredits.contains(command.transferId())) {
            // Also after a rejection: the transfer has compensated by then, so a late credit would create money.
            return;
        }
        RejectionReason refusal = refusalForStatus();
        if (refusal == null && !currency.equals(command.amount().currency())) {
            refusal = RejectionReason.CURRENCY_MISMATCH;
        }
        if (refusal == null && balance > Long.MAX_VALUE - command.amount().amount()) {
            refusal = RejectionReason.BALANCE_OVERFLOW;
        }
        if (refusal != null) {
            apply(new TransferCreditRejectedEvent(accountId, command.transferId(), command.amount(), refusal));
            return;
        }
        apply(new TransferCreditedEvent(accountId, command.transferId(), command.postingId(), command.amount(),
                                        Math.addExact(balance, command.amount().amount()),
                                        LedgerIds.transitAccountOf(currency)));
    }

    @CommandHandler
    long handle(FreezeAccountCommand command) {
        requireNotClosed();
        if (status == AccountStatus.OPEN) {
            apply(new AccountFrozenEvent(accountId, command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(UnfreezeAccountCommand command) {
        requireNotClosed();
        if (status == AccountStatus.FROZEN) {
            apply(new AccountUnfrozenEvent(accountId, command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    /**
     * Closes an empty account. A frozen one may be closed too: closing refuses everything a freeze refuses, and
     * requiring an unfreeze first would open a window in which the account accepts debits and credits against
     * the freeze's intent.
     */
    @CommandHandler
    long handle(CloseAccountCommand command) {
        if (status == AccountStatus.CLOSED) {
            return AggregateLifecycle.getVersion();
        }
        if (balance != 0 || !openHolds.isEmpty()) {
            throw new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_EMPTY,
                                          "an account closes only at a zero balance without open holds (balance "
                                                  + balance + ", held " + held + ")");
        }
        apply(new AccountClosedEvent(accountId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Whether the available amount covers {@code amount}, i.e. {@code balance − held − amount >= −overdraftLimit}.
     * In this order no step can overflow while the invariant holds; the exact variants keep that checked.
     */
    private boolean covers(long amount) {
        try {
            return Math.subtractExact(Math.subtractExact(balance, held), amount) >= -overdraftLimit;
        } catch (ArithmeticException underflow) {
            return false;
        }
    }

    private RejectionReason refusalForStatus() {
        return switch (status) {
            case OPEN -> null;
            case FROZEN -> RejectionReason.ACCOUNT_FROZEN;
            case CLOSED -> RejectionReason.ACCOUNT_CLOSED;
        };
    }

    private void requireOpen() {
        if (status != AccountStatus.OPEN) {
            throw new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_OPEN, "account is " + status);
        }
    }

    private void requireNotClosed() {
        if (status == AccountStatus.CLOSED) {
            throw new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_OPEN, "account is CLOSED");
        }
    }

    private void requirePostable(Money amount) {
        requireValidAmount(amount);
        if (!currency.equals(amount.currency())) {
            throw new LedgerRuleViolation(ErrorCode.CURRENCY_MISMATCH,
                                          "account is in " + currency + ", not " + amount.currency());
        }
    }

    private static void requireValidAmount(Money amount) {
        if (amount == null || !amount.withinOperationLimits()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "amount must be between 1 and " + Money.MAX_OPERATION_AMOUNT);
        }
    }

    private static void requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, name + " is required");
        }
    }

    /**
     * A hold belongs to one transfer. Settling it on behalf of another would let that transfer capture or release
     * funds reserved for someone else, so a mismatch is a bug in the caller, refused before any effect.
     */
    private static void requireSameTransfer(String holdId, OpenHold hold, String transferId) {
        if (transferId != null && !transferId.equals(hold.transferId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "hold " + holdId + " belongs to transfer " + hold.transferId()
                                                  + ", not " + transferId);
        }
    }

    private Money money(long amount) {
        return new Money(amount, currency);
    }

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        accountId = event.accountId();
        currency = event.currency();
        overdraftLimit = event.overdraftLimit();
        status = AccountStatus.OPEN;
        balance = 0;
        held = 0;
    }

    @EventSourcingHandler
    void on(MoneyDepositedEvent event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(MoneyWithdrawnEvent event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(HoldPlacedEvent event) {
        openHolds.put(event.holdId(), new OpenHold(event.transferId(), event.amount().amount()));
        held = event.heldAfter();
    }

    @EventSourcingHandler
    void on(HoldRejectedEvent event) {
        closedHolds.put(event.holdId(), HoldState.REJECTED);
    }

    @EventSourcingHandler
    void on(HoldReleasedEvent event) {
        openHolds.remove(event.holdId());
        closedHolds.put(event.holdId(), HoldState.RELEASED);
        held = event.heldAfter();
    }

    @EventSourcingHandler
    void on(HoldCapturedEvent event) {
        openHolds.remove(event.holdId());
        closedHolds.put(event.holdId(), HoldState.CAPTURED);
        balance = event.balanceAfter();
        held = event.heldAfter();
    }

    @EventSourcingHandler
    void on(TransferCreditedEvent event) {
        settledCredits.add(event.transferId());
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(TransferCreditRejectedEvent event) {
        settledCredits.add(event.transferId());
    }

    @EventSourcingHandler
    void on(AccountFrozenEvent event) {
        status = AccountStatus.FROZEN;
    }

    @EventSourcingHandler
    void on(AccountUnfrozenEvent event) {
        status = AccountStatus.OPEN;
    }

    @EventSourcingHandler
    void on(AccountClosedEvent event) {
        status = AccountStatus.CLOSED;
    }

    /** A reservation not yet released or captured. A record, so snapshots (de)serialize it without setters. */
    record OpenHold(String transferId, long amount) {
    }

    /** How a hold ended, so a retried release or capture can say what already happened. */
    enum HoldState {
        RELEASED,
        CAPTURED,
        REJECTED
    }
}
