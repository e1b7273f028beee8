package dev.ledger.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.AuthorizedFundsCapturedEvent;
import dev.ledger.api.account.AuthorizedFundsCreditedEvent;
import dev.ledger.api.account.AuthorizedFundsReleasedEvent;
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.FundsAuthorizedEvent;
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
import dev.ledger.command.account.HoldBook.OpenHold;
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
 * Holds reserve funds for a transfer without posting; every debit (withdrawal or new hold) must fit into what is
 * available ({@link Funds}: balance, held, overdraft), and a hold is settled once ({@link HoldBook}). Both are
 * values that only the event-sourcing handlers below replace; what a status allows is {@link Lifecycle}'s.
 * <p>
 * An authorization's reservation is a hold of the same book, drawn down by partial captures (the legs below, called
 * by the authorization's booking in its unit of work). Over 300 lines because Axon wants every event-sourcing
 * handler of the aggregate in this class; the rules themselves live in the values above.
 */
// cache, lock factory and snapshot trigger are the repository's (AccountConfiguration)
@Aggregate(repository = "accountRepository")
// Snapshots are serialized from fields, never from getters: what is stored is exactly the state.
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Account {

    @AggregateIdentifier
    private String accountId;
    private String currency;
    /** Stored in snapshots as the account's own {@code balance}, {@code held} and {@code overdraftLimit}. */
    @JsonUnwrapped
    private Funds funds = Funds.opened(0);
    private AccountStatus status;
    @JsonProperty("openHolds")
    private HoldBook holds = HoldBook.empty();

    Account() {
        // for event sourcing and snapshots
    }

    @CommandHandler
    Account(OpenAccountCommand command) {
        RequestRules.requireValidOpening(command);
        apply(new AccountOpenedEvent(command.accountId(), command.currency(), command.overdraftLimit(),
                                     command.ownerRef(), command.owner(), command.metadata().entries()));
    }

    @CommandHandler
    long handle(DepositMoneyCommand command) {
        Lifecycle.requireOpen(status);
        RequestRules.requirePostable(command.amount(), currency);
        long amount = command.amount().amount();
        if (!funds.canReceive(amount)) {
            throw new LedgerRuleViolation(ErrorCode.BALANCE_OVERFLOW, "the balance would overflow");
        }
        apply(new MoneyDepositedEvent(accountId, command.postingId(), command.amount(),
                                      funds.balanceAfterCredit(amount), LedgerIds.systemAccountOf(currency)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(WithdrawMoneyCommand command) {
        Lifecycle.requireOpen(status);
        RequestRules.requirePostable(command.amount(), currency);
        long amount = command.amount().amount();
        if (!funds.covers(amount)) {
            throw new LedgerRuleViolation(ErrorCode.INSUFFICIENT_FUNDS,
                                          "withdrawal exceeds the available amount (balance plus overdraft limit "
                                                  + "minus holds)");
        }
        apply(new MoneyWithdrawnEvent(accountId, command.postingId(), command.amount(),
                                      funds.balanceAfterDebit(amount), LedgerIds.systemAccountOf(currency)));
        return AggregateLifecycle.getVersion();
    }

    // The transfer legs below are not command handlers: a transfer's booking loads both accounts (locked in a
    // fixed order) and calls them in the unit of work that appends the transfer's own events, so the whole
    // movement commits once. Each refusal query comes first; the leg itself then cannot fail.

    /** Why this account cannot pay {@code amount} out now, or {@code null} if it can. */
    RejectionReason debitRefusal(Money amount) {
        return postingRefusal(amount, funds.covers(amount.amount()), RejectionReason.INSUFFICIENT_FUNDS);
    }

    /** Why this account cannot receive {@code amount} now, or {@code null} if it can. */
    RejectionReason creditRefusal(Money amount) {
        return postingRefusal(amount, funds.canReceive(amount.amount()), RejectionReason.BALANCE_OVERFLOW);
    }

    /** Why a hold of {@code amount} cannot be placed now, or {@code null} if it can. */
    RejectionReason holdRefusal(Money amount) {
        RejectionReason refusal = debitRefusal(amount);
        return refusal != null || funds.canHoldMore(amount.amount()) ? refusal : RejectionReason.BALANCE_OVERFLOW;
    }

    void debitForTransfer(String transferId, String postingId, Money amount) {
        requireNoRefusal(debitRefusal(amount));
        apply(new TransferDebitedEvent(accountId, transferId, postingId, amount,
                                       funds.balanceAfterDebit(amount.amount()),
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
                                        funds.balanceAfterCredit(amount.amount()),
                                        LedgerIds.transitAccountOf(currency)));
    }

    /** Reserves funds for a transfer held for review; the decision captures or releases them later. */
    void placeHold(String holdId, String transferId, Money amount) {
        requireNoRefusal(holdRefusal(amount));
        holds.requireNew(holdId);
        apply(new HoldPlacedEvent(accountId, holdId, transferId, amount, funds.heldAfterPlacing(amount.amount())));
    }

    /**
     * Gives reserved funds back. Never refused for the account's status: a frozen account must still let a
     * rejected transfer's reservation go, or it would be stuck for good.
     */
    void releaseHold(String holdId, String transferId, String reason) {
        OpenHold hold = holds.requireOpen(holdId, transferId);
        apply(new HoldReleasedEvent(accountId, holdId, hold.transferId(), hold.amountIn(currency),
                                    funds.heldAfterSettling(hold.amount()), reason));
    }

    /**
     * Turns a hold into a posted debit against the transit account.
     * <p>
     * Deliberately not refused on a frozen account: the funds were reserved while it was open, and the freeze
     * stops new debits and credits, not the settlement of a reservation made before it.
     */
    void captureHold(String holdId, String transferId, String postingId) {
        OpenHold hold = holds.requireOpen(holdId, transferId);
        apply(new HoldCapturedEvent(accountId, holdId, hold.transferId(), postingId, hold.amountIn(currency),
                                    funds.balanceAfterDebit(hold.amount()), funds.heldAfterSettling(hold.amount()),
                                    LedgerIds.transitAccountOf(currency)));
    }

    // An authorization's legs, like a transfer's: called by its booking in one unit of work, refusals asked first.

    /** Reserves funds for an authorization (a hold that partial captures draw down). */
    void reserveForAuthorization(String authorizationId, Money amount) {
        requireNoRefusal(holdRefusal(amount));
        holds.requireNew(authorizationHold(authorizationId));
        apply(new FundsAuthorizedEvent(accountId, authorizationId, amount, funds.heldAfterPlacing(amount.amount())));
    }

    /** Posts part of an authorization's reservation as a debit; not refused for the status, like a hold's capture. */
    void captureAuthorized(String authorizationId, String captureId, String postingId, Money amount) {
        OpenHold hold = holds.requireOpen(authorizationHold(authorizationId), authorizationId);
        if (!currency.equals(amount.currency()) || amount.amount() > hold.amount()) {
            throw new IllegalStateException("capture " + amount + " does not fit authorization " + authorizationId);
        }
        apply(new AuthorizedFundsCapturedEvent(accountId, authorizationId, captureId, postingId, amount,
                                               funds.balanceAfterDebit(amount.amount()),
                                               funds.heldAfterSettling(amount.amount()),
                                               LedgerIds.transitAccountOf(currency)));
    }

    void creditAuthorized(String authorizationId, String captureId, String postingId, Money amount) {
        requireNoRefusal(creditRefusal(amount));
        apply(new AuthorizedFundsCreditedEvent(accountId, authorizationId, captureId, postingId, amount,
                                               funds.balanceAfterCredit(amount.amount()),
                                               LedgerIds.transitAccountOf(currency)));
    }

    /** Gives back what the authorization still reserves; never refused for the status (see releaseHold). */
    void releaseAuthorized(String authorizationId, String reason) {
        OpenHold hold = holds.requireOpen(authorizationHold(authorizationId), authorizationId);
        apply(new AuthorizedFundsReleasedEvent(accountId, authorizationId, hold.amountIn(currency),
                                               funds.heldAfterSettling(hold.amount()), reason));
    }

    /** What the authorization still reserves here, 0 if nothing. */
    long authorized(String authorizationId) {
        return holds.amountOf(authorizationHold(authorizationId));
    }

    private static String authorizationHold(String authorizationId) {
        return authorizationId + ":authorization";
    }

    boolean hasOpenHold(String holdId) {
        return holds.isOpen(holdId);
    }

    /** The status's refusal first, then the currency's, then {@code otherwise} unless the funds allow it. */
    private RejectionReason postingRefusal(Money amount, boolean fundsAllow, RejectionReason otherwise) {
        RejectionReason notOpen = Lifecycle.refusal(status);
        if (notOpen != null || !currency.equals(amount.currency())) {
            return notOpen != null ? notOpen : RejectionReason.CURRENCY_MISMATCH;
        }
        return fundsAllow ? null : otherwise;
    }

    private static void requireNoRefusal(RejectionReason refusal) {
        if (refusal != null) {
            throw new IllegalStateException("the booking must ask before posting: " + refusal);
        }
    }

    @CommandHandler
    long handle(FreezeAccountCommand command) {
        if (Lifecycle.freezes(status)) {
            apply(new AccountFrozenEvent(accountId, command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(UnfreezeAccountCommand command) {
        if (Lifecycle.unfreezes(status)) {
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
        if (funds.balance() != 0 || !holds.isEmpty()) {
            throw new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_EMPTY,
                                          "an account closes only at a zero balance without open holds (balance "
                                                  + funds.balance() + ", held " + funds.held() + ")");
        }
        apply(new AccountClosedEvent(accountId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** The posted balance, as tests read it (a property to them; snapshots store fields, never getters). */
    public long getBalance() {
        return funds.balance();
    }

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        accountId = event.accountId();
        currency = event.currency();
        funds = Funds.opened(event.overdraftLimit());
        status = AccountStatus.OPEN;
    }

    @EventSourcingHandler
    void on(MoneyDepositedEvent event) {
        funds = funds.posted(event.balanceAfter());
    }

    @EventSourcingHandler
    void on(MoneyWithdrawnEvent event) {
        funds = funds.posted(event.balanceAfter());
    }

    @EventSourcingHandler
    void on(HoldPlacedEvent event) {
        holds = holds.placed(event.holdId(), event.transferId(), event.amount().amount());
        funds = funds.reserved(event.heldAfter());
    }

    @EventSourcingHandler
    void on(TransferDebitedEvent event) {
        funds = funds.posted(event.balanceAfter());
    }

    @EventSourcingHandler
    void on(HoldReleasedEvent event) {
        holds = holds.settled(event.holdId());
        funds = funds.reserved(event.heldAfter());
    }

    @EventSourcingHandler
    void on(HoldCapturedEvent event) {
        holds = holds.settled(event.holdId());
        funds = funds.posted(event.balanceAfter()).reserved(event.heldAfter());
    }

    @EventSourcingHandler
    void on(TransferCreditedEvent event) {
        funds = funds.posted(event.balanceAfter());
    }

    @EventSourcingHandler
    void on(FundsAuthorizedEvent event) {
        holds = holds.placed(authorizationHold(event.authorizationId()), event.authorizationId(),
                             event.amount().amount());
        funds = funds.reserved(event.heldAfter());
    }

    @EventSourcingHandler
    void on(AuthorizedFundsCapturedEvent event) {
        holds = holds.drawn(authorizationHold(event.authorizationId()), event.amount().amount());
        funds = funds.posted(event.balanceAfter()).reserved(event.heldAfter());
    }

    @EventSourcingHandler
    void on(AuthorizedFundsCreditedEvent event) {
        funds = funds.posted(event.balanceAfter());
    }

    @EventSourcingHandler
    void on(AuthorizedFundsReleasedEvent event) {
        holds = holds.settled(authorizationHold(event.authorizationId()));
        funds = funds.reserved(event.heldAfter());
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
}
