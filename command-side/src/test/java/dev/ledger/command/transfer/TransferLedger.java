package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ledger.api.Metadata;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.command.account.AccountBook;
import dev.ledger.command.account.AccountHarness;
import dev.ledger.command.directory.AccountDirectory;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.directory.TransferDirectory.Activity;
import dev.ledger.command.directory.TransferDirectory.ListedTransfer;
import dev.ledger.api.transfer.RefundRequestedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import java.util.Optional;
import dev.ledger.command.screening.ScreeningPolicies;
import dev.ledger.command.screening.ScreeningProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The booking wired as in production, minus Spring and PostgreSQL: one event store, one command bus, the real
 * {@code Account} and {@link Transfer} repositories and {@link TransferBooking}; the account directory answers from
 * the accounts opened here, screening is the real policy with a review threshold and a deny list.
 * <p>
 * Every commit the event store receives is kept as one batch ({@link #commits()}), and the books derive every
 * balance (customer, world and transit accounts) and every held sum from the events alone, as the query side does.
 */
final class TransferLedger implements AutoCloseable {

    static final long REVIEW_THRESHOLD = 1_000_000;
    static final Duration REVIEW_TIMEOUT = Duration.ofHours(24);
    static final String DENIED_ACCOUNT = "acc-denied";

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new UniqueSequenceStorage()).build();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final List<List<Object>> commits = new ArrayList<>();
    private final Map<String, ListedAccount> directory = new HashMap<>();
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Long> held = new HashMap<>();
    private final Map<String, Long> overdrafts = new HashMap<>();
    private final Map<String, ListedTransfer> requested = new HashMap<>();
    private final Map<String, String> refundOf = new HashMap<>();
    private boolean givenHistory;

    private final List<Runnable> commitListeners = new ArrayList<>();

    TransferLedger() {
        this(REVIEW_THRESHOLD);
    }

    /** @param reviewThreshold transfers of at least this many EUR minor units go to review */
    TransferLedger(long reviewThreshold) {
        AccountBook accounts = AccountHarness.register(bus, eventStore);
        EventSourcingRepository<Transfer> transfers =
                EventSourcingRepository.builder(Transfer.class).eventStore(eventStore).build();
        AccountDirectory listed = mock(AccountDirectory.class);
        when(listed.findAll(any())).thenAnswer(call -> {
            Map<String, ListedAccount> found = new HashMap<>();
            for (String id : call.<Collection<String>>getArgument(0)) {
                if (directory.containsKey(id)) {
                    found.put(id, directory.get(id));
                }
            }
            return found;
        });
        TransferDirectory recent = mock(TransferDirectory.class);
        when(recent.activitySince(any(), any(), any())).thenReturn(new Activity(0, 0));
        when(recent.find(any())).thenAnswer(call -> Optional.ofNullable(requested.get(call.<String>getArgument(0))));
        when(recent.refundOf(any())).thenAnswer(call -> Optional.ofNullable(refundOf.get(call.<String>getArgument(0))));
        ScreeningProperties rules = new ScreeningProperties(Set.of(DENIED_ACCOUNT), Set.of(),
                                                            Map.of("EUR", reviewThreshold), Duration.ofHours(1),
                                                            Integer.MAX_VALUE, Map.of(), REVIEW_TIMEOUT);
        TransferBooking booking = new TransferBooking(transfers, accounts, listed,
                                                      ScreeningPolicies.of(rules, recent, Clock.systemUTC()),
                                                      new RefundOutcomes(transfers, recent));
        new AnnotationCommandHandlerAdapter<>(booking).subscribe(bus);
        RefundBooking refunds = new RefundBooking(transfers, accounts, listed, recent,
                                                  ScreeningPolicies.of(rules, recent, Clock.systemUTC()));
        new AnnotationCommandHandlerAdapter<>(refunds).subscribe(bus);
        // called once per commit, with every event of that commit
        eventStore.subscribe(batch -> {
            commits.add(batch.stream().map(EventMessage::getPayload).collect(Collectors.toList()));
            batch.forEach(message -> record(message.getPayload()));
            commitListeners.forEach(Runnable::run);
        });
    }

    /**
     * Stores an account's history as given, bypassing its rules, for states no sequence of commands reaches
     * quickly (a balance near {@code Long.MAX_VALUE}). The books take the reported balances as they are.
     */
    void given(String accountId, Object... events) {
        givenHistory = true;
        try {
            List<EventMessage<?>> history = new ArrayList<>();
            for (int i = 0; i < events.length; i++) {
                history.add(new GenericDomainEventMessage<>("Account", accountId, i, events[i]));
            }
            eventStore.publish(history);
        } finally {
            givenHistory = false;
        }
    }

    /** Runs {@code check} after every commit, once the books include it. */
    void afterEveryCommit(Runnable check) {
        commitListeners.add(check);
    }

    /** Sends a command and waits for its result, exceptional or not. */
    CommandResultMessage<?> send(Object command) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(command), callback);
        return callback.getResult();
    }

    /** Sends a command that must succeed. */
    Object sendAndExpectSuccess(Object command) {
        CommandResultMessage<?> result = send(command);
        if (result.isExceptional()) {
            throw new AssertionError("unexpected failure of " + command, result.exceptionResult());
        }
        return result.getPayload();
    }

    /** The batches the event store received, one per commit, oldest first. */
    List<List<Object>> commits() {
        return commits;
    }

    /** The commits made since {@code before} commits had been made. */
    List<List<Object>> commitsSince(int before) {
        return List.copyOf(commits.subList(before, commits.size()));
    }

    long balance(String accountId) {
        return balances.getOrDefault(accountId, 0L);
    }

    long held(String accountId) {
        return held.getOrDefault(accountId, 0L);
    }

    Map<String, Long> balances() {
        return Map.copyOf(balances);
    }

    Map<String, Long> overdrafts() {
        return Map.copyOf(overdrafts);
    }

    private void record(Object event) {
        if (event instanceof TransferRequestedEvent e) {
            requested.put(e.transferId(), new ListedTransfer(e.transferId(), e.sourceAccountId(),
                                                             e.destinationAccountId(), e.amount().amount(),
                                                             e.amount().currency(), e.reference(), e.requestedBy(),
                                                             Metadata.of(e.metadata())));
        } else if (event instanceof RefundRequestedEvent e) {
            refundOf.put(e.transferId(), e.refundOf());
        } else if (event instanceof AccountOpenedEvent e) {
            directory.put(e.accountId(), new ListedAccount(e.accountId(), e.currency(), e.ownerRef(), e.owner()));
            overdrafts.put(e.accountId(), e.overdraftLimit());
            balances.putIfAbsent(e.accountId(), 0L);
        } else if (event instanceof MoneyDepositedEvent e) {
            post(e.accountId(), e.amount().amount(), e.balanceAfter(), e.contraAccountId());
        } else if (event instanceof MoneyWithdrawnEvent e) {
            post(e.accountId(), -e.amount().amount(), e.balanceAfter(), e.contraAccountId());
        } else if (event instanceof TransferDebitedEvent e) {
            post(e.accountId(), -e.amount().amount(), e.balanceAfter(), e.contraAccountId());
        } else if (event instanceof TransferCreditedEvent e) {
            post(e.accountId(), e.amount().amount(), e.balanceAfter(), e.contraAccountId());
        } else if (event instanceof HoldCapturedEvent e) {
            post(e.accountId(), -e.amount().amount(), e.balanceAfter(), e.contraAccountId());
            assertThat(e.heldAfter()).as("heldAfter of %s", e).isEqualTo(held(e.accountId()) - e.amount().amount());
            held.put(e.accountId(), e.heldAfter());
        } else if (event instanceof HoldPlacedEvent e) {
            assertThat(e.heldAfter()).as("heldAfter of %s", e).isEqualTo(held(e.accountId()) + e.amount().amount());
            held.put(e.accountId(), e.heldAfter());
        } else if (event instanceof HoldReleasedEvent e) {
            assertThat(e.heldAfter()).as("heldAfter of %s", e).isEqualTo(held(e.accountId()) - e.amount().amount());
            held.put(e.accountId(), e.heldAfter());
        }
    }

    /** A double-entry posting: the account moves by {@code delta}, its contra account by the opposite. */
    private void post(String accountId, long delta, long reportedBalanceAfter, String contraAccountId) {
        long after = givenHistory ? reportedBalanceAfter : Math.addExact(balance(accountId), delta);
        assertThat(reportedBalanceAfter).as("balanceAfter reported by %s", accountId).isEqualTo(after);
        balances.put(accountId, after);
        balances.put(contraAccountId, Math.subtractExact(balance(contraAccountId), delta));
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }

    /**
     * The in-memory engine stores whatever it is given; PostgreSQL refuses a second event at an aggregate's
     * sequence number (unique key), and Axon turns that into these exceptions. Checked before anything of the batch
     * is stored, as the database's transaction would.
     */
    private static final class UniqueSequenceStorage extends InMemoryEventStorageEngine {

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            Map<String, Long> next = new HashMap<>();
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domain) {
                    String id = domain.getAggregateIdentifier();
                    long expected = next.computeIfAbsent(id, i -> lastSequenceNumberFor(i).map(n -> n + 1).orElse(0L));
                    if (domain.getSequenceNumber() != expected) {
                        throw domain.getSequenceNumber() == 0
                                ? new AggregateStreamCreationException("stream " + id + " already exists")
                                : new ConcurrencyException("sequence " + domain.getSequenceNumber() + " of " + id
                                                                   + " is taken");
                    }
                    next.put(id, expected + 1);
                }
            }
            super.appendEvents(events);
        }
    }
}
