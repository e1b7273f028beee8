package dev.ledger.query.account;

import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.AuthorizedFundsCapturedEvent;
import dev.ledger.api.account.AuthorizedFundsReleasedEvent;
import dev.ledger.api.account.FundsAuthorizedEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.Posting;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.query.AccountPage;
import dev.ledger.api.query.AccountView;
import dev.ledger.api.query.FindAccountQuery;
import dev.ledger.api.query.ListAccountsQuery;
import dev.ledger.query.account.AccountSummaryWrites.Leg;
import dev.ledger.query.processors.ProcessingGroups;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Balances, holds and status per account, customer and system. Customer rows take the balance, held sum and
 * status the event reports (absolute, so re-applying is harmless) and are guarded by the account's sequence
 * number; the system row the posting names (world account for deposits and withdrawals, transit account for the
 * two legs of a transfer) moves by the opposite amount in the same transaction, only when the customer row
 * actually moved, so the double-entry sum of every currency stays exactly zero under redelivery.
 */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_SUMMARY)
class AccountSummaryProjection {

    private final AccountSummaryRepository accounts;
    private final AccountSummaryWrites writes;
    private final BalanceHistory history;

    AccountSummaryProjection(AccountSummaryRepository accounts, AccountSummaryWrites writes, BalanceHistory history) {
        this.history = history;
        this.accounts = accounts;
        this.writes = writes;
    }

    @EventHandler
    void on(AccountOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writes.opened(event.accountId(), event.currency(), event.overdraftLimit(), event.ownerRef(), event.owner(),
                      event.metadata(), sequence, at);
    }

    /**
     * Every posting, whichever event carries it: the account takes the balance the event reports, its system
     * account moves by the posting's contra delta (see {@link Posting}). A capture also reports the held sum; a
     * transfer's credit usually came before its capture in histories of the transfer process, so the transit row
     * was briefly negative, and is back where it was after both legs.
     */
    @EventHandler
    void on(Posting event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Long heldAfter = event instanceof HoldCapturedEvent capture ? capture.heldAfter()
                : event instanceof AuthorizedFundsCapturedEvent authorized ? authorized.heldAfter() : null;
        apply(event.accountId(), sequence, at, event.balanceAfter(), heldAfter, null,
              new Leg(event.contraAccountId(), event.amount().currency(), event.contraDelta(), at));
    }

    @EventHandler
    void on(HoldPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, event.heldAfter(), null);
    }

    @EventHandler
    void on(HoldReleasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, event.heldAfter(), null);
    }

    /** An authorization's reservation; its captures are postings (above), its release gives the rest back. */
    @EventHandler
    void on(FundsAuthorizedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, event.heldAfter(), null);
    }

    @EventHandler
    void on(AuthorizedFundsReleasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, event.heldAfter(), null);
    }

    @EventHandler
    void on(HoldRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, null, null);
    }

    @EventHandler
    void on(TransferCreditRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, null, null);
    }

    @EventHandler
    void on(AccountFrozenEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, null, AccountStatus.FROZEN);
    }

    @EventHandler
    void on(AccountUnfrozenEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, null, AccountStatus.OPEN);
    }

    @EventHandler
    void on(AccountClosedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event.accountId(), sequence, at, null, null, AccountStatus.CLOSED);
    }

    @ResetHandler
    void reset() {
        accounts.deleteAllInBatch();
        // written with the summary (AccountSummaryWrites), so rebuilt with it
        history.clear();
    }

    /** Another owner's account is answered exactly as an unknown one, so a holder cannot probe for ids. */
    @QueryHandler
    Optional<AccountView> handle(FindAccountQuery query) {
        return accounts.findById(query.accountId())
                       .filter(row -> row.visibleTo(query.visibleOwner()))
                       .map(AccountSummary::toView);
    }

    @QueryHandler
    AccountPage handle(ListAccountsQuery query) {
        String after = query.afterId() == null ? "" : query.afterId();
        // one extra row tells whether there is a next page without a count query
        Limit limit = Limit.of(query.limit() + 1);
        List<AccountSummary> rows = query.metadata().isEmpty()
                ? page(query.currency(), query.visibleOwner(), after, limit)
                : accounts.findBy(AccountsByMetadata.page(query.currency(), query.visibleOwner(), after,
                                                          query.metadata()),
                                  q -> q.sortBy(AccountsByMetadata.BY_ID).limit(limit.max()).all());
        List<AccountView> items = rows.stream().limit(query.limit()).map(AccountSummary::toView).toList();
        String next = rows.size() > query.limit() ? items.get(items.size() - 1).accountId() : null;
        return new AccountPage(items, next);
    }

    private List<AccountSummary> page(String currency, String owner, String after, Limit limit) {
        if (owner == null) {
            return currency == null ? accounts.pageAfter(after, limit)
                    : accounts.pageOfCurrencyAfter(currency, after, limit);
        }
        return currency == null ? accounts.pageOfOwnerAfter(owner, after, limit)
                : accounts.pageOfOwnerAndCurrencyAfter(owner, currency, after, limit);
    }

    /** Applies an event to the customer row ({@code null} = unchanged); see {@link AccountSummaryWrites}. */
    private void apply(String accountId, long sequence, Instant at, Long balance, Long held,
                       AccountStatus status) {
        apply(accountId, sequence, at, balance, held, status, null);
    }

    /** Also moves the system row of the posting, only if the customer row moved (the event was not applied before). */
    private void apply(String accountId, long sequence, Instant at, Long balance, Long held, AccountStatus status,
                       Leg leg) {
        writes.apply(accountId, sequence, at, balance, held, status == null ? null : status.name(), leg);
    }
}
