package dev.ledger.query.reconciliation;

import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.AuthorizedFundsCapturedEvent;
import dev.ledger.api.account.AuthorizedFundsCreditedEvent;
import dev.ledger.api.account.AuthorizedFundsReleasedEvent;
import dev.ledger.api.account.FundsAuthorizedEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;

/**
 * One customer account recomputed from its event stream: what the {@code Account} aggregate decided (the
 * {@code balanceAfter}/{@code heldAfter} its events report, as the account summary projects them) and, as a
 * cross-check, the plain sums of its postings and holds. Deliberately small: a run keeps one per account, never
 * the events.
 */
final class AccountState {

    /** Where a posting's other leg goes: the currency's world or transit account moves by {@code delta}. */
    @FunctionalInterface
    interface SystemLegs {
        SystemLegs NONE = (systemAccountId, currency, delta) -> { };

        void post(String systemAccountId, String currency, long delta);
    }

    String currency;
    long balance;
    long held;
    long version = -1;
    AccountStatus status = AccountStatus.OPEN;
    /** Sum of the amounts posted to the account (credits minus debits). */
    long postedBalance;
    /** Sum of the open holds (placed minus released minus captured). */
    long openHolds;
    /** Whether the run met the account's read-model row. */
    boolean seen;

    /**
     * Applies one event of the account's stream.
     *
     * @return whether the payload is an account event
     */
    boolean apply(Object payload, long sequence, SystemLegs legs) {
        if (payload instanceof AccountOpenedEvent e) {
            currency = e.currency();
            status = AccountStatus.OPEN;
        } else if (payload instanceof MoneyDepositedEvent e) {
            currencyFrom(e.amount().currency());
            balance = e.balanceAfter();
            postedBalance = Math.addExact(postedBalance, e.amount().amount());
            legs.post(e.contraAccountId(), e.amount().currency(), -e.amount().amount());
        } else if (payload instanceof MoneyWithdrawnEvent e) {
            currencyFrom(e.amount().currency());
            balance = e.balanceAfter();
            postedBalance = Math.subtractExact(postedBalance, e.amount().amount());
            legs.post(e.contraAccountId(), e.amount().currency(), e.amount().amount());
        } else if (payload instanceof HoldPlacedEvent e) {
            currencyFrom(e.amount().currency());
            held = e.heldAfter();
            openHolds = Math.addExact(openHolds, e.amount().amount());
        } else if (payload instanceof HoldReleasedEvent e) {
            held = e.heldAfter();
            openHolds = Math.subtractExact(openHolds, e.amount().amount());
        } else if (payload instanceof HoldCapturedEvent e) {
            currencyFrom(e.amount().currency());
            balance = e.balanceAfter();
            held = e.heldAfter();
            postedBalance = Math.subtractExact(postedBalance, e.amount().amount());
            openHolds = Math.subtractExact(openHolds, e.amount().amount());
            legs.post(e.contraAccountId(), e.amount().currency(), e.amount().amount());
        } else if (payload instanceof TransferDebitedEvent e) {
            // a capture without a hold: the held sum is unchanged
            currencyFrom(e.amount().currency());
            balance = e.balanceAfter();
            postedBalance = Math.subtractExact(postedBalance, e.amount().amount());
            legs.post(e.contraAccountId(), e.amount().currency(), e.amount().amount());
        } else if (payload instanceof TransferCreditedEvent e) {
            currencyFrom(e.amount().currency());
            balance = e.balanceAfter();
            postedBalance = Math.addExact(postedBalance, e.amount().amount());
            legs.post(e.contraAccountId(), e.amount().currency(), -e.amount().amount());
        } else if (!applyAuthorization(payload, legs)) {
            return applyStatus(payload, sequence);
        }
        version = Math.max(version, sequence);
        return true;
    }

    /** An authorization's reservation, capture (a debit against transit), the capture's credit, or release. */
    private boolean applyAuthorization(Object payload, SystemLegs legs) {
        if (payload instanceof FundsAuthorizedEvent e) {
            currencyFrom(e.amount().currency());
            held = e.heldAfter();
            openHolds = Math.addExact(openHolds, e.amount().amount());
        } else if (payload instanceof AuthorizedFundsCapturedEvent e) {
            currencyFrom(e.amount().currency());
            balance = e.balanceAfter();
            held = e.heldAfter();
            postedBalance = Math.subtractExact(postedBalance, e.amount().amount());
            openHolds = Math.subtractExact(openHolds, e.amount().amount());
            legs.post(e.contraAccountId(), e.amount().currency(), e.amount().amount());
        } else if (payload instanceof AuthorizedFundsCreditedEvent e) {
            currencyFrom(e.amount().currency());
            balance = e.balanceAfter();
            postedBalance = Math.addExact(postedBalance, e.amount().amount());
            legs.post(e.contraAccountId(), e.amount().currency(), -e.amount().amount());
        } else if (payload instanceof AuthorizedFundsReleasedEvent e) {
            held = e.heldAfter();
            openHolds = Math.subtractExact(openHolds, e.amount().amount());
        } else {
            return false;
        }
        return true;
    }

    private boolean applyStatus(Object payload, long sequence) {
        if (payload instanceof AccountFrozenEvent) {
            status = AccountStatus.FROZEN;
        } else if (payload instanceof AccountUnfrozenEvent) {
            status = AccountStatus.OPEN;
        } else if (payload instanceof AccountClosedEvent) {
            status = AccountStatus.CLOSED;
        } else if (!(payload instanceof HoldRejectedEvent || payload instanceof TransferCreditRejectedEvent)) {
            // the two refusals move no money but count for the version, like every account event
            return false;
        }
        version = Math.max(version, sequence);
        return true;
    }

    /** Whether the reported balance and held sum agree with the postings and holds that produced them. */
    boolean consistent() {
        return balance == postedBalance && held == openHolds;
    }

    private void currencyFrom(String eventCurrency) {
        if (currency == null) {
            // only when the stream lacks its AccountOpenedEvent; reported through the version/row checks
            currency = eventCurrency;
        }
    }
}
