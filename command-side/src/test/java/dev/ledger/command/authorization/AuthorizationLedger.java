package dev.ledger.command.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AuthorizedFundsCapturedEvent;
import dev.ledger.api.account.AuthorizedFundsReleasedEvent;
import dev.ledger.api.account.FundsAuthorizedEvent;
import dev.ledger.api.account.Posting;
import dev.ledger.command.account.AccountBook;
import dev.ledger.command.account.AccountHarness;
import dev.ledger.command.directory.AccountDirectory;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.directory.TransferDirectory.Activity;
import dev.ledger.command.screening.ScreeningPolicies;
import dev.ledger.command.screening.ScreeningProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * The authorization booking wired as in production, minus Spring and PostgreSQL: one event store, one command bus,
 * the real {@code Account} and {@link Authorization} repositories, the real screening policy (a review threshold and
 * a deny list), and a clock the tests move. Every commit is kept as one batch, and the books derive every balance
 * (customer and system accounts) and held sum from the events alone, checking what each event reports.
 */
final class AuthorizationLedger implements AutoCloseable {

    static final long REVIEW_THRESHOLD = 1_000_000;
    static final String DENIED_ACCOUNT = "acc-denied";
    static final Instant START = Instant.parse("2026-01-10T10:00:00Z");

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final List<List<Object>> commits = new ArrayList<>();
    private final Map<String, ListedAccount> directory = new HashMap<>();
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Long> held = new HashMap<>();
    private final MovableClock clock = new MovableClock(START);
    private final List<Runnable> commitListeners = new ArrayList<>();

    AuthorizationLedger() {
        AccountBook accounts = AccountHarness.register(bus, eventStore);
        EventSourcingRepository<Authorization> authorizations =
                EventSourcingRepository.builder(Authorization.class).eventStore(eventStore).build();
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
        ScreeningProperties rules = new ScreeningProperties(Set.of(DENIED_ACCOUNT), Set.of(),
                                                            Map.of("EUR", REVIEW_THRESHOLD), Duration.ofHours(1),
                                                            Integer.MAX_VALUE, Map.of(), Duration.ofHours(24));
        AuthorizationBooking booking = new AuthorizationBooking(
                authorizations, accounts, listed, ScreeningPolicies.of(rules, recent, Clock.systemUTC()), eventStore,
                clock);
        new AnnotationCommandHandlerAdapter<>(booking).subscribe(bus);
        eventStore.subscribe(batch -> {
            commits.add(batch.stream().map(EventMessage::getPayload).collect(Collectors.toList()));
            batch.forEach(message -> record(message.getPayload()));
            commitListeners.forEach(Runnable::run);
        });
    }

    /** Runs {@code check} after every commit, once the books include it. */
    void afterEveryCommit(Runnable check) {
        commitListeners.add(check);
    }

    Map<String, Long> balances() {
        return Map.copyOf(balances);
    }

    /** Moves the booking's clock on. */
    void advance(Duration duration) {
        clock.now = clock.now.plus(duration);
    }

    CommandResultMessage<?> send(Object command) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(command), callback);
        return callback.getResult();
    }

    Object sendAndExpectSuccess(Object command) {
        CommandResultMessage<?> result = send(command);
        if (result.isExceptional()) {
            throw new AssertionError("unexpected failure of " + command, result.exceptionResult());
        }
        return result.getPayload();
    }

    List<List<Object>> commits() {
        return commits;
    }

    List<List<Object>> commitsSince(int before) {
        return List.copyOf(commits.subList(before, commits.size()));
    }

    long balance(String accountId) {
        return balances.getOrDefault(accountId, 0L);
    }

    long held(String accountId) {
        return held.getOrDefault(accountId, 0L);
    }

    /** The sum of every balance of a currency's accounts, customer and system: 0 in a double-entry ledger. */
    long sum() {
        return balances.values().stream().mapToLong(Long::longValue).sum();
    }

    private void record(Object event) {
        if (event instanceof AccountOpenedEvent e) {
            directory.put(e.accountId(), new ListedAccount(e.accountId(), e.currency(), e.ownerRef(), e.owner()));
            balances.putIfAbsent(e.accountId(), 0L);
        } else if (event instanceof Posting e) {
            long after = Math.addExact(balance(e.accountId()), e.accountDelta());
            assertThat(e.balanceAfter()).as("balanceAfter reported by %s", e).isEqualTo(after);
            balances.put(e.accountId(), after);
            balances.put(e.contraAccountId(), Math.addExact(balance(e.contraAccountId()), e.contraDelta()));
            if (e instanceof AuthorizedFundsCapturedEvent capture) {
                heldAfter(capture.accountId(), -capture.amount().amount(), capture.heldAfter());
            }
        } else if (event instanceof FundsAuthorizedEvent e) {
            heldAfter(e.accountId(), e.amount().amount(), e.heldAfter());
        } else if (event instanceof AuthorizedFundsReleasedEvent e) {
            heldAfter(e.accountId(), -e.amount().amount(), e.heldAfter());
        }
    }

    private void heldAfter(String accountId, long delta, long reported) {
        assertThat(reported).as("heldAfter of %s", accountId).isEqualTo(held(accountId) + delta);
        held.put(accountId, reported);
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
