package dev.ledger.query.account;

import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.query.AccountPage;
import dev.ledger.api.query.AccountView;
import dev.ledger.api.query.FindAccountQuery;
import dev.ledger.api.query.ListAccountsQuery;
import dev.ledger.query.processing.ProcessingGroups;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Balances and status per account, customer and system. Customer rows take the balance the event reports
 * (absolute, so re-applying is harmless) and are guarded by the account's sequence number; the system row of the
 * currency moves by the opposite amount in the same transaction, only when the customer row actually moved, so
 * the double-entry sum stays exactly zero under redelivery.
 */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_SUMMARY)
class AccountSummaryProjection {

    private final AccountSummaryRepository accounts;

    AccountSummaryProjection(AccountSummaryRepository accounts) {
        this.accounts = accounts;
    }

    @EventHandler
    void on(AccountOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        accounts.insertOpened(event.accountId(), event.currency(), event.overdraftLimit(), event.ownerRef(), sequence,
                              at);
    }

    @EventHandler
    void on(MoneyDepositedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (accounts.applyBalance(event.accountId(), event.balanceAfter(), sequence, at) == 1) {
            accounts.addToSystemAccount(event.contraAccountId(), event.amount().currency(),
                                        -event.amount().amount(), at);
        }
    }

    @EventHandler
    void on(MoneyWithdrawnEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (accounts.applyBalance(event.accountId(), event.balanceAfter(), sequence, at) == 1) {
            accounts.addToSystemAccount(event.contraAccountId(), event.amount().currency(),
                                        event.amount().amount(), at);
        }
    }

    @ResetHandler
    void reset() {
        accounts.deleteAllInBatch();
    }

    @QueryHandler
    Optional<AccountView> handle(FindAccountQuery query) {
        return accounts.findById(query.accountId()).map(AccountSummary::toView);
    }

    @QueryHandler
    AccountPage handle(ListAccountsQuery query) {
        String after = query.afterId() == null ? "" : query.afterId();
        // one extra row tells whether there is a next page without a count query
        Limit limit = Limit.of(query.limit() + 1);
        List<AccountSummary> rows = query.currency() == null
                ? accounts.pageAfter(after, limit)
                : accounts.pageOfCurrencyAfter(query.currency(), after, limit);
        List<AccountView> items = rows.stream().limit(query.limit()).map(AccountSummary::toView).toList();
        String next = rows.size() > query.limit() ? items.get(items.size() - 1).accountId() : null;
        return new AccountPage(items, next);
    }
}
