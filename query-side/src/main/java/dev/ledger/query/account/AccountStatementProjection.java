package dev.ledger.query.account;

import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.AuthorizedFundsReleasedEvent;
import dev.ledger.api.account.FundsAuthorizedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.Posting;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.query.FindStatementQuery;
import dev.ledger.api.query.StatementEntryView;
import dev.ledger.api.query.StatementPage;
import dev.ledger.platform.correlation.CorrelationIds;
import dev.ledger.platform.security.PrincipalDispatchInterceptor;
import dev.ledger.query.processors.ProcessingGroups;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Statement entries per customer account, newest first. System accounts get no statement: their balance is on
 * the account summary, and a line per posting of the whole currency would be a second event store.
 * <p>
 * Each entry names who initiated it: for a deposit or withdrawal the {@code principal} in its event's meta-data,
 * whose command posted it; for both legs of a transfer who requested the transfer ({@code requestedBy}), also when a
 * reviewer's approval posted them (the reviewer is on the transfer view). Events from before the ledger had
 * principals name nobody.
 */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_STATEMENT)
class AccountStatementProjection {

    /** The open end of a time range: later than any posting, and within what a PostgreSQL timestamp holds. */
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");

    private final StatementRepository statements;
    private final StatementWrites writes;

    AccountStatementProjection(StatementRepository statements, StatementWrites writes) {
        this.statements = statements;
        this.writes = writes;
    }

    @EventHandler
    void on(AccountOpenedEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence, event.owner());
    }

    /**
     * Every posting, whichever event carries it: a deposit or withdrawal, or a leg of a transfer (entered in the
     * name of whoever requested the transfer, when the event was caused on their behalf).
     */
    @EventHandler
    void on(Posting event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(CorrelationIds.KEY) String correlationId,
            @MetaDataValue(PrincipalDispatchInterceptor.PRINCIPAL_KEY) String principal,
            @MetaDataValue(PrincipalDispatchInterceptor.REQUESTER_KEY) String requester) {
        writes.entry(event.accountId(), sequence, event.postingId(), event.amount().amount(),
                     event.amount().currency(), event.direction().name(), event.balanceAfter(), event.transferId(),
                     correlationId, requester != null ? requester : principal, at);
    }

    // Events that post nothing still advance the head, so a consistency token naming their version resolves.

    @EventHandler
    void on(HoldPlacedEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @EventHandler
    void on(HoldReleasedEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @EventHandler
    void on(FundsAuthorizedEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @EventHandler
    void on(AuthorizedFundsReleasedEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @EventHandler
    void on(HoldRejectedEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @EventHandler
    void on(TransferCreditRejectedEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @EventHandler
    void on(AccountFrozenEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @EventHandler
    void on(AccountUnfrozenEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @EventHandler
    void on(AccountClosedEvent event, @SequenceNumber long sequence) {
        writes.head(event.accountId(), sequence);
    }

    @ResetHandler
    void reset() {
        statements.truncate();
    }

    /** Another owner's statement is answered exactly as an unknown account's. */
    @QueryHandler
    StatementPage handle(FindStatementQuery query) {
        StatementHead head = statements.head(query.accountId());
        if (head == null || !head.visibleTo(query.visibleOwner())) {
            return new StatementPage(query.accountId(), false, -1, List.of(), null);
        }
        long before = query.beforeSequence() == null ? Long.MAX_VALUE : query.beforeSequence();
        Limit limit = Limit.of(query.limit() + 1);
        List<StatementEntry> rows = query.from() == null && query.to() == null
                ? statements.newestBefore(query.accountId(), before, limit)
                : statements.newestBeforeBetween(query.accountId(), before,
                                                 query.from() == null ? Instant.EPOCH : query.from(),
                                                 query.to() == null ? FAR_FUTURE : query.to(), limit);
        List<StatementEntryView> items = rows.stream().limit(query.limit()).map(StatementEntry::toView).toList();
        String next = rows.size() > query.limit() ? Long.toString(items.get(items.size() - 1).sequence()) : null;
        return new StatementPage(query.accountId(), true, head.lastSequence(), items, next);
    }
}
