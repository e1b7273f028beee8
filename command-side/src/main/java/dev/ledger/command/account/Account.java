package dev.ledger.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.command.LedgerRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer account: the consistency boundary for its balance and status. Every change is decided here
 * against the current state and recorded as one event; concurrent writers collide on the stream's sequence
 * number, never silently overwrite each other.
 * <p>
 * Each deposit and withdrawal is one double-entry posting: the events name the contra (system) account, whose
 * balance the query side derives, so per currency all balances sum to zero.
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
        // Both operands are bounded (|balance| by the checks below, amount by MAX_OPERATION_AMOUNT), but the
        // exact variant keeps that an invariant rather than an assumption.
        long after = Math.subtractExact(balance, command.amount().amount());
        if (after < -overdraftLimit) {
            throw new LedgerRuleViolation(ErrorCode.INSUFFICIENT_FUNDS,
                                          "withdrawal exceeds balance plus overdraft limit");
        }
        apply(new MoneyWithdrawnEvent(accountId, command.postingId(), command.amount(), after,
                                      LedgerIds.systemAccountOf(currency)));
        return AggregateLifecycle.getVersion();
    }

    private void requireOpen() {
        if (status != AccountStatus.OPEN) {
            throw new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_OPEN, "account is " + status);
        }
    }

    private void requirePostable(Money amount) {
        if (amount == null || !amount.isValidOperationAmount()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "amount must be between 1 and " + Money.MAX_OPERATION_AMOUNT);
        }
        if (!currency.equals(amount.currency())) {
            throw new LedgerRuleViolation(ErrorCode.CURRENCY_MISMATCH,
                                          "account is in " + currency + ", not " + amount.currency());
        }
    }

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        accountId = event.accountId();
        currency = event.currency();
        overdraftLimit = event.overdraftLimit();
        status = AccountStatus.OPEN;
        balance = 0;
    }

    @EventSourcingHandler
    void on(MoneyDepositedEvent event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(MoneyWithdrawnEvent event) {
        balance = event.balanceAfter();
    }
}
