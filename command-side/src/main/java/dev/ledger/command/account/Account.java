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
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.command.LedgerRuleViolation;
import java.util.HashMap;
import java.util.Map;
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
 * leg (debit of the source or capture of its hold, credit of the destination) posts against the currency's transit
 * account, and both legs of a transfer commit in one append, so the transit account is back to zero after each.
 * The events name the contra account, whose balance the query side derives, so per currency all balances sum to
 * zero.
 * <p>
 * {@code available = balance + overdraftLimit − held}. Holds reserve funds for a transfer without posting; every
 * debit (withdrawal or new hold) must fit into what is available, so {@code balance − held >= −overdraftLimit}
 * holds at all times.
 * <p>
 * One file over 300 lines because an aggregate is one consistency boundary: its rules and the event-sourcing
 * handlers that rebuild the state they check belong together.
 */
// cache, lock factory and snapshot trigger are the repository's (AccountConfiguration)
@Aggregate(repository = "accountRepository")
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

    Account() {
        // for event sourcing and snapshots
    }

    @CommandHandler
    Account(OpenAccountCommand command) {
        if (!LedgerIds.isValid(command.accountId()) || LedgerIds.isReservedForSystem(command.accountId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid account id");
        }
        if (!Money.isCurrency(command.currency())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "currency must be an ISO-4217 code");
        }
        if (command.overdraftLimit() < 0 || command.overdraftLimit() > Money.MAX_OPERATION_AMOUNT) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "overdraftLimit must be between 0 and " + Money.MAX_OPERATION_AMOUNT);
        }
        if (command.owner() == null || command.owner().isBlank()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "an account needs an owner");
        }
        apply(new AccountOpenedEvent(command.accountId(), command.currency(), command.overdraftLimit(),
                                     command.ownerRef(), command.owner()));
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

    // The transfer legs below are not command handlers: a transfer's booking loads both accounts (locked in a
    // fixed order) and calls them in the unit of work that appends the transfer's own events, so the whole
    // movement commits once. Each refusal query comes first; the leg itself then cannot fail.

    /** Why this account cannot pay {@code amount} out now, or {@code null} if it can. */
    RejectionReason debitRefusal(Money amount) {
        RejectionReason notOpen = refusalForStatus();
        if (notOpen != null) {
            return notOpen;
        }
        if (!currency.equals(amount.currency())) {
            return RejectionReason.CURRENCY_MISMATCH;
        }
        return covers(amount.amount()) ? null : RejectionReason.INSUFFICIENT_FUNDS;
    }

    /** Why this account cannot receive {@code amount} now, or {@code null} if it can. */
    RejectionReason creditRefusal(Money amount) {
        RejectionReason notOpen = refusalForStatus();
        if (notOpen != null) {
            return notOpen;
        }
        if (!currency.equals(amount.currency())) {
            return RejectionReason.CURRENCY_MISMATCH;
        }
        return balance > Long.MAX_VALUE - amount.amount() ? RejectionReason.BALANCE_OVERFLOW : null;
    }

    /** Why a hold of {@code amount} cannot be placed now, or {@code null} if it can. */
    RejectionReason holdRefusal(Money amount) {
        RejectionReason refusal = debitRefusal(amount);
        // held <= balance + overdraftLimit, which may exceed a long only for a balance near Long.MAX_VALUE.
        return refusal != null || held <= Long.MAX_VALUE - amount.amount() ? refusal
                : RejectionReason.BALANCE_OVERFLOW;
    }

    void debitForTransfer(String transferId, String postingId, Money amount) {
        requireNoRefusal(debitRefusal(amount));
        // Cannot overflow: covers() proved balance − held − amount >= −overdraftLimit, and held >= 0.
        apply(new TransferDebitedEvent(accountId, transferId, postingId, amount,
                                       Math.subtractExact(balance, amount.amount()),
                                       LedgerIds.transitAccountOf(currency)));
    }

    /**
     * Credits a transfer's destination against the transit account. A frozen or closed destination refuses (the
     * booking then rejects the transfer, or releases a reviewed transfer's hold), so nothing is ever credited to
     * an account that may not receive.
     */
    void creditForTransfer(String transferId, String postingId, Money amount) {
        requireNoRefusal(creditRefusal(amount));
        apply(new TransferCreditedEvent(accountId, transferId, postingId, amount,
                                        Math.addExact(balance, amount.amount()),
                                        LedgerIds.transitAccountOf(currency)));
    }

    /** Reserves funds for a transfer held for review; the decision captures or releases them later. */
    void placeHold(String holdId, String transferId, Money amount) {
        requireNoRefusal(holdRefusal(amount));
        if (openHolds.containsKey(holdId)) {
            throw new IllegalStateException("hold " + holdId + " is already open");
        }
        apply(new HoldPlacedEvent(accountId, holdId, transferId, amount, held + amount.amount()));
    }

    /**
     * Gives reserved funds back. Never refused for the account's status: a frozen account must still let a
     * rejected transfer's reservation go, or it would be stuck for good.
     */
    void releaseHold(String holdId, String transferId, String reason) {
        OpenHold hold = requireOpenHold(holdId, transferId);
        apply(new HoldReleasedEvent(accountId, holdId, hold.transferId(), money(hold.amount()),
                                    held - hold.amount(), reason));
    }

    /**
     * Turns a hold into a posted debit against the transit account.
     * <p>
     * Deliberately not refused on a frozen account: the funds were reserved while it was open, and the freeze
     * stops new debits and credits, not the settlement of a reservation made before it.
     */
    void captureHold(String holdId, String transferId, String postingId) {
        OpenHold hold = requireOpenHold(holdId, transferId);
        // Cannot overflow: the hold is covered, so balance − amount >= held − amount − overdraftLimit >= −10^15.
        long balanceAfter = Math.subtractExact(balance, hold.amount());
        apply(new HoldCapturedEvent(accountId, holdId, hold.transferId(), postingId, money(hold.amount()),
                                    balanceAfter, held - hold.amount(), LedgerIds.transitAccountOf(currency)));
    }

    boolean hasOpenHold(String holdId) {
        return openHolds.containsKey(holdId);
    }

    /**
     * A hold belongs to one transfer, and only that transfer's decision settles it, once. Anything else is a bug
     * in the caller, refused before any effect.
     */
    private OpenHold requireOpenHold(String holdId, String transferId) {
        OpenHold hold = openHolds.get(holdId);
        if (hold == null || !hold.transferId().equals(transferId)) {
            throw new IllegalStateException("no open hold " + holdId + " of transfer " + transferId);
        }
        return hold;
    }

    private static void requireNoRefusal(RejectionReason refusal) {
        if (refusal != null) {
            throw new IllegalStateException("the booking must ask before posting: " + refusal);
        }
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
    void on(TransferDebitedEvent event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(HoldReleasedEvent event) {
        openHolds.remove(event.holdId());
        held = event.heldAfter();
    }

    @EventSourcingHandler
    void on(HoldCapturedEvent event) {
        openHolds.remove(event.holdId());
        balance = event.balanceAfter();
        held = event.heldAfter();
    }

    @EventSourcingHandler
    void on(TransferCreditedEvent event) {
        balance = event.balanceAfter();
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
}
