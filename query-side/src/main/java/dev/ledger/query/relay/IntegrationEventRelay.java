package dev.ledger.query.relay;

import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.AuthorizedFundsCapturedEvent;
import dev.ledger.api.account.AuthorizedFundsCreditedEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.Posting;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.events.Envelope;
import dev.ledger.events.EventType;
import dev.ledger.events.v1.AccountClosed;
import dev.ledger.events.v1.AccountFrozen;
import dev.ledger.events.v1.AccountOpened;
import dev.ledger.events.v1.AccountUnfrozen;
import dev.ledger.events.v1.PostingMade;
import dev.ledger.events.v1.TransferCompleted;
import dev.ledger.events.v1.TransferFailed;
import dev.ledger.events.v1.TransferInReview;
import dev.ledger.events.v1.TransferRejected;
import dev.ledger.platform.correlation.CorrelationIds;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.relay.RelayMemory.TransferFacts;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Turns the ledger's internal events into its public integration events and publishes them, in event-store order
 * (one segment), each confirmed by the broker before the relay's token moves past it. The event store is the
 * outbox: an event exists only if its state change committed, and nothing is published that did not commit.
 * <p>
 * {@code @DisallowReplay}: moving the relay's token back for a replay must not flood every consumer with history;
 * publishing again is an explicit operator action (see {@link Republishing}).
 */
@ProcessingGroup(ProcessingGroups.INTEGRATION_EVENTS)
@DisallowReplay
class IntegrationEventRelay {

    private final ConfirmedPublisher publisher;
    private final RelayMemory memory;

    IntegrationEventRelay(ConfirmedPublisher publisher, RelayMemory memory) {
        this.publisher = publisher;
        this.memory = memory;
    }

    @EventHandler
    void on(AccountOpenedEvent event, EventMessage<?> message, TrackingToken token) {
        memory.rememberAccount(event.accountId(), event.currency());
        publish(EventType.ACCOUNT_OPENED, event.currency(), event.accountId(), message, token,
                new AccountOpened(event.accountId(), event.currency(), event.overdraftLimit(), event.ownerRef(),
                                  event.owner(), event.metadata() == null ? Map.of() : event.metadata()));
    }

    @EventHandler
    void on(AccountFrozenEvent event, EventMessage<?> message, TrackingToken token) {
        accountChanged(EventType.ACCOUNT_FROZEN, event.accountId(), message, token,
                       currency -> new AccountFrozen(event.accountId(), currency, event.reason()));
    }

    @EventHandler
    void on(AccountUnfrozenEvent event, EventMessage<?> message, TrackingToken token) {
        accountChanged(EventType.ACCOUNT_UNFROZEN, event.accountId(), message, token,
                       currency -> new AccountUnfrozen(event.accountId(), currency, event.reason()));
    }

    @EventHandler
    void on(AccountClosedEvent event, EventMessage<?> message, TrackingToken token) {
        accountChanged(EventType.ACCOUNT_CLOSED, event.accountId(), message, token,
                       currency -> new AccountClosed(event.accountId(), currency, event.reason()));
    }

    /** Every posting event (deposit, withdrawal, both legs of a transfer, a captured hold): one shape. */
    @EventHandler
    void on(Posting posting, DomainEventMessage<?> message, TrackingToken token) {
        String currency = posting.amount().currency();
        publish(EventType.POSTING_MADE, currency, posting.accountId(), message, token,
                new PostingMade(posting.accountId(), posting.postingId(), kindOf(posting),
                                posting.direction().name(), posting.amount().amount(), currency,
                                posting.balanceAfter(), message.getSequenceNumber(), posting.contraAccountId(),
                                posting.transferId()));
    }

    @EventHandler
    void on(TransferRequestedEvent event) {
        memory.rememberTransfer(new TransferFacts(event.transferId(), event.sourceAccountId(),
                                                  event.destinationAccountId(), event.amount().amount(),
                                                  event.amount().currency(), event.reference()));
    }

    @EventHandler
    void on(TransferScreenedEvent event, EventMessage<?> message, TrackingToken token) {
        if (event.decision() != ScreeningDecision.REVIEW) {
            return;
        }
        List<String> rules = event.hits().stream().filter(hit -> hit.outcome() == ScreeningDecision.REVIEW)
                                  .map(ScreeningRuleHit::rule).toList();
        transferChanged(EventType.TRANSFER_IN_REVIEW, event.transferId(), message, token,
                        t -> new TransferInReview(t.transferId(), t.sourceAccountId(), t.destinationAccountId(),
                                                  t.amount(), t.currency(), t.reference(), rules));
    }

    @EventHandler
    void on(TransferCompletedEvent event, EventMessage<?> message, TrackingToken token) {
        String reference = memory.transfer(event.transferId()).map(TransferFacts::reference).orElse(null);
        publish(EventType.TRANSFER_COMPLETED, event.amount().currency(), event.transferId(), message, token,
                new TransferCompleted(event.transferId(), event.sourceAccountId(), event.destinationAccountId(),
                                      event.amount().amount(), event.amount().currency(), reference));
    }

    @EventHandler
    void on(TransferRejectedEvent event, EventMessage<?> message, TrackingToken token) {
        transferChanged(EventType.TRANSFER_REJECTED, event.transferId(), message, token,
                        t -> new TransferRejected(t.transferId(), t.sourceAccountId(), t.destinationAccountId(),
                                                  t.amount(), t.currency(), t.reference(), event.reason().name(),
                                                  event.detail()));
    }

    @EventHandler
    void on(TransferFailedEvent event, EventMessage<?> message, TrackingToken token) {
        transferChanged(EventType.TRANSFER_FAILED, event.transferId(), message, token,
                        t -> new TransferFailed(t.transferId(), t.sourceAccountId(), t.destinationAccountId(),
                                                t.amount(), t.currency(), t.reference(), event.reason().name(),
                                                event.detail()));
    }

    /** An event that names only its account: the currency comes from the opening the relay remembers. */
    private void accountChanged(EventType type, String accountId, EventMessage<?> message, TrackingToken token,
                                Function<String, Object> data) {
        String currency = currencyOf(accountId);
        publish(type, currency, accountId, message, token, data.apply(currency));
    }

    /** An event that names only its transfer: the parties and amount come from the request it remembers. */
    private void transferChanged(EventType type, String transferId, EventMessage<?> message, TrackingToken token,
                                 Function<TransferFacts, Object> data) {
        TransferFacts transfer = transfer(transferId);
        publish(type, transfer.currency(), transferId, message, token, data.apply(transfer));
    }

    private void publish(EventType type, String currency, String subject, EventMessage<?> message,
                         TrackingToken token, Object data) {
        Object correlationId = message.getMetaData().get(CorrelationIds.KEY);
        long position = token.position().orElseThrow(
                () -> new IllegalStateException("the event store gave event " + message.getIdentifier()
                                                        + " no position"));
        publisher.publish(type, currency, new Envelope<>(message.getIdentifier(), type.type(), type.version(),
                                                         message.getTimestamp(), position,
                                                         correlationId == null ? null : correlationId.toString(),
                                                         subject, data));
    }

    private String currencyOf(String accountId) {
        // an account's events follow its opening in the store, and the relay reads the store in order
        return memory.currencyOf(accountId).orElseThrow(() -> new MissingHistoryException("account " + accountId));
    }

    private TransferFacts transfer(String transferId) {
        return memory.transfer(transferId).orElseThrow(() -> new MissingHistoryException("transfer " + transferId));
    }

    private static String kindOf(Posting posting) {
        if (posting instanceof MoneyDepositedEvent) {
            return "DEPOSIT";
        }
        if (posting instanceof MoneyWithdrawnEvent) {
            return "WITHDRAWAL";
        }
        if (posting instanceof TransferDebitedEvent) {
            return "TRANSFER_DEBIT";
        }
        if (posting instanceof TransferCreditedEvent) {
            return "TRANSFER_CREDIT";
        }
        if (posting instanceof HoldCapturedEvent) {
            return "HOLD_CAPTURE";
        }
        // an authorization's capture: its postings reach consumers (their balances stay right); the authorization's
        // own events are not published (yet)
        if (posting instanceof AuthorizedFundsCapturedEvent) {
            return "AUTHORIZATION_CAPTURE";
        }
        if (posting instanceof AuthorizedFundsCreditedEvent) {
            return "AUTHORIZATION_CREDIT";
        }
        throw new IllegalStateException("a posting the relay does not know: " + posting.getClass().getName());
    }

    /**
     * An event whose earlier history the relay has not seen: it started after that history (its token was set
     * past it), so it cannot say what the event was about. The batch fails and stays visible in
     * {@code /admin/processors} instead of publishing half a message.
     */
    static final class MissingHistoryException extends RuntimeException {
        MissingHistoryException(String what) {
            super("the relay has not seen the start of " + what);
        }
    }
}
