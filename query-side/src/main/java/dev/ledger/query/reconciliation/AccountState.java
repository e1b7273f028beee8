package dev.ledger.query.reconciliation;

import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.FundsAuthorizedEvent;
import dev.ledger.api.account.HoldChange;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.Posting;
import dev.ledger.api.account.TransferCreditRejectedEvent;

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
        boolean accountEvent = false;
        if (payload instanceof AccountOpenedEvent e) {
            currency = e.currency();
            status = AccountStatus.OPEN;
            accountEvent = true;
        }
        // a capture is both: a posting of its debit, and the end of (part of) a hold or reservation
        if (payload instanceof Posting posting) {
            post(posting, legs);
            accountEvent = true;
        }
        if (payload instanceof HoldChange change) {
            hold(change);
            accountEvent = true;
        }
        if (!accountEvent) {
            return applyStatus(payload, sequence);
        }
        version = Math.max(version, sequence);
        return true;
    }

    /** Any posting (deposit, withdrawal, a transfer's or a capture's leg): the balance and its contra leg. */
    private void post(Posting posting, SystemLegs legs) {
        currencyFrom(posting.amount().currency());
        balance = posting.balanceAfter();
        postedBalance = Math.addExact(postedBalance, posting.accountDelta());
        legs.post(posting.contraAccountId(), posting.amount().currency(), posting.contraDelta());
    }

    /** A hold or an authorization's reservation placed (the held sum rises) or settled, in part or whole. */
    private void hold(HoldChange change) {
        held = change.heldAfter();
        if (change instanceof HoldPlacedEvent || change instanceof FundsAuthorizedEvent) {
            currencyFrom(change.amount().currency());
            openHolds = Math.addExact(openHolds, change.amount().amount());
        } else {
            openHolds = Math.subtractExact(openHolds, change.amount().amount());
        }
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
