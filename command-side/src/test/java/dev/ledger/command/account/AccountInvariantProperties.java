package dev.ledger.command.account;

import static dev.ledger.command.account.AccountFixtures.ACCOUNT;
import static dev.ledger.command.account.AccountFixtures.TRANSIT_EUR;
import static dev.ledger.command.account.AccountFixtures.WORLD_EUR;
import static dev.ledger.command.account.AccountFixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.CaptureHoldCommand;
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.CreditTransferCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldOutcome;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.PlaceHoldCommand;
import dev.ledger.api.account.ReleaseHoldCommand;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.platform.axon.AxonPlatformConfiguration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Drives the real aggregate (command bus, event-sourcing repository, snapshots through the production serializer)
 * with random operations, and checks every step against books kept only from the emitted events: the money rules
 * hold after every step, every event's arithmetic adds up, and each decision is the one the rules call for.
 * <p>
 * Amounts are multiples of 50 and ids come from small pools, so exact boundaries (available == amount), zero
 * balances and retried ids come up often.
 */
class AccountInvariantProperties {

    private static final Serializer SERIALIZER = new AxonPlatformConfiguration().serializer();

    @Property(tries = 300)
    void anySequenceOfOperationsKeepsTheMoneyRules(@ForAll @LongRange(min = 0, max = 300) long overdraftLimit,
                                                  @ForAll("operations") List<Operation> operations) {
        try (Ledger ledger = new Ledger()) {
            Books books = new Books(overdraftLimit);
            books.record(ledger.run(new OpenAccountCommand(ACCOUNT, "EUR", overdraftLimit, null)).events());

            for (Operation operation : operations) {
                if (operation instanceof TakeSnapshot) {
                    ledger.snapshot();
                    continue;
                }
                Expectation expected = operation.expectation(books);
                Outcome actual = ledger.run(operation.command());

                assertThat(actual.refusal()).as("refusal of %s", operation).isEqualTo(expected.refusal());
                assertThat(actual.events()).as("events of %s", operation).hasSize(expected.eventType() == null ? 0 : 1);
                if (expected.eventType() != null) {
                    assertThat(actual.events().get(0)).as("event of %s", operation)
                                                      .isInstanceOf(expected.eventType());
                }
                if (expected.result() != null) {
                    assertThat(actual.result()).as("result of %s", operation).isEqualTo(expected.result());
                }
                books.record(actual.events());
                books.assertMoneyRules();
            }
        }
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, 8).map(n -> n * 50);
        Arbitrary<String> holdIds = Arbitraries.of("h1", "h2", "h3", "h4");
        Arbitrary<String> transferIds = Arbitraries.of("t1", "t2", "t3", "t4");
        Arbitrary<Operation> operation = Arbitraries.frequencyOf(
                Tuple.of(4, amounts.map(Deposit::new)),
                Tuple.of(3, amounts.map(Withdraw::new)),
                Tuple.of(5, Combinators.combine(holdIds, amounts).as(PlaceHold::new)),
                Tuple.of(2, holdIds.map(Release::new)),
                Tuple.of(2, holdIds.map(Capture::new)),
                Tuple.of(3, Combinators.combine(transferIds, amounts).as(Credit::new)),
                Tuple.of(1, Arbitraries.just(new Freeze())),
                Tuple.of(1, Arbitraries.just(new Unfreeze())),
                Tuple.of(1, Arbitraries.just(new Close())),
                Tuple.of(1, Arbitraries.just(new TakeSnapshot())));
        return operation.list().ofMaxSize(40);
    }

    /** The account as its events tell it, checked event by event; and what the rules expect of the next command. */
    static final class Books {

        private final long overdraftLimit;
        private long balance;
        private long held;
        private long worldBalance;
        private long transitBalance;
        private AccountStatus status;
        private final Map<String, Long> openHolds = new HashMap<>();
        private final Map<String, HoldOutcome> closedHolds = new HashMap<>();
        private final Set<String> rejectedHolds = new HashSet<>();
        private final Set<String> settledCredits = new HashSet<>();

        Books(long overdraftLimit) {
            this.overdraftLimit = overdraftLimit;
        }

        boolean isOpen() {
            return status == AccountStatus.OPEN;
        }

        boolean covers(long amount) {
            return balance - held - amount >= -overdraftLimit;
        }

        boolean knownHold(String holdId) {
            return openHolds.containsKey(holdId) || closedHolds.containsKey(holdId) || rejectedHolds.contains(holdId);
        }

        /** The outcome a release or capture of a hold that is not open reports. */
        HoldOutcome pastOutcome(String holdId) {
            return closedHolds.getOrDefault(holdId, HoldOutcome.UNKNOWN_HOLD);
        }

        void record(List<Object> events) {
            for (Object event : events) {
                record(event);
            }
        }

        private void record(Object event) {
            if (event instanceof AccountOpenedEvent) {
                status = AccountStatus.OPEN;
            } else if (event instanceof MoneyDepositedEvent e) {
                assertMovable(e);
                assertThat(e.balanceAfter()).isEqualTo(balance + e.amount().amount());
                assertThat(e.contraAccountId()).isEqualTo(WORLD_EUR);
                balance = e.balanceAfter();
                worldBalance -= e.amount().amount();
            } else if (event instanceof MoneyWithdrawnEvent e) {
                assertMovable(e);
                assertThat(e.balanceAfter()).isEqualTo(balance - e.amount().amount());
                assertThat(e.contraAccountId()).isEqualTo(WORLD_EUR);
                balance = e.balanceAfter();
                worldBalance += e.amount().amount();
            } else if (event instanceof HoldPlacedEvent e) {
                assertMovable(e);
                assertThat(knownHold(e.holdId())).as("a hold id is placed at most once").isFalse();
                assertThat(e.heldAfter()).isEqualTo(held + e.amount().amount());
                openHolds.put(e.holdId(), e.amount().amount());
                held = e.heldAfter();
            } else if (event instanceof HoldRejectedEvent e) {
                assertThat(knownHold(e.holdId())).as("a hold id is decided at most once").isFalse();
                if (e.amount().amount() == 0) {
                    // the marker a release of a never-seen hold leaves, in any status: it reserves nothing
                    assertThat(e.reason()).isEqualTo(RejectionReason.STEP_TIMED_OUT);
                    assertThat(e.amount().currency()).isEqualTo("EUR");
                } else {
                    RejectionReason expected = status == AccountStatus.OPEN ? RejectionReason.INSUFFICIENT_FUNDS
                            : status == AccountStatus.FROZEN ? RejectionReason.ACCOUNT_FROZEN
                            : RejectionReason.ACCOUNT_CLOSED;
                    assertThat(e.reason()).isEqualTo(expected);
                }
                rejectedHolds.add(e.holdId());
            } else if (event instanceof HoldReleasedEvent e) {
                assertThat(openHolds).containsEntry(e.holdId(), e.amount().amount());
                assertThat(e.heldAfter()).isEqualTo(held - e.amount().amount());
                openHolds.remove(e.holdId());
                closedHolds.put(e.holdId(), HoldOutcome.ALREADY_RELEASED);
                held = e.heldAfter();
            } else if (event instanceof HoldCapturedEvent e) {
                assertThat(openHolds).containsEntry(e.holdId(), e.amount().amount());
                assertThat(e.heldAfter()).isEqualTo(held - e.amount().amount());
                assertThat(e.balanceAfter()).isEqualTo(balance - e.amount().amount());
                assertThat(e.contraAccountId()).isEqualTo(TRANSIT_EUR);
                openHolds.remove(e.holdId());
                closedHolds.put(e.holdId(), HoldOutcome.ALREADY_CAPTURED);
                held = e.heldAfter();
                balance = e.balanceAfter();
                transitBalance += e.amount().amount();
            } else if (event instanceof TransferCreditedEvent e) {
                assertMovable(e);
                assertThat(settledCredits.add(e.transferId())).as("a transfer is credited at most once").isTrue();
                assertThat(e.balanceAfter()).isEqualTo(balance + e.amount().amount());
                assertThat(e.contraAccountId()).isEqualTo(TRANSIT_EUR);
                balance = e.balanceAfter();
                transitBalance -= e.amount().amount();
            } else if (event instanceof TransferCreditRejectedEvent e) {
                assertThat(settledCredits.add(e.transferId())).as("a transfer is decided at most once").isTrue();
                assertThat(e.reason()).isEqualTo(status == AccountStatus.FROZEN ? RejectionReason.ACCOUNT_FROZEN
                                                         : RejectionReason.ACCOUNT_CLOSED);
            } else if (event instanceof AccountFrozenEvent) {
                assertThat(status).isEqualTo(AccountStatus.OPEN);
                status = AccountStatus.FROZEN;
            } else if (event instanceof AccountUnfrozenEvent) {
                assertThat(status).isEqualTo(AccountStatus.FROZEN);
                status = AccountStatus.OPEN;
            } else if (event instanceof AccountClosedEvent) {
                assertThat(balance).isZero();
                assertThat(openHolds).isEmpty();
                status = AccountStatus.CLOSED;
            } else {
                throw new AssertionError("unexpected event " + event);
            }
        }

        /** Only an open account takes new debits, credits or reservations; settling a reservation is exempt. */
        private void assertMovable(Object event) {
            assertThat(status).as("status when %s", event).isEqualTo(AccountStatus.OPEN);
        }

        void assertMoneyRules() {
            assertThat(held).as("held").isNotNegative();
            assertThat(held).as("held is the sum of the open holds")
                            .isEqualTo(openHolds.values().stream().mapToLong(Long::longValue).sum());
            assertThat(balance - held).as("balance − held never below the overdraft")
                                      .isGreaterThanOrEqualTo(-overdraftLimit);
            assertThat(balance + worldBalance + transitBalance).as("the postings balance out").isZero();
        }
    }

    /** What the rules call for: an error code, or at most one event of a type, and maybe a handler result. */
    record Expectation(ErrorCode refusal, Class<?> eventType, Object result) {

        static Expectation refused(ErrorCode code) {
            return new Expectation(code, null, null);
        }

        static Expectation event(Class<?> type) {
            return new Expectation(null, type, null);
        }

        static Expectation event(Class<?> type, Object result) {
            return new Expectation(null, type, result);
        }

        static Expectation nothing() {
            return new Expectation(null, null, null);
        }

        static Expectation nothing(Object result) {
            return new Expectation(null, null, result);
        }
    }

    private record Outcome(ErrorCode refusal, Object result, List<Object> events) {
    }

    /** The aggregate wired as in production, minus Spring: a command bus, an event-sourcing repository. */
    private static final class Ledger implements AutoCloseable {

        private final EmbeddedEventStore eventStore =
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        private final EventSourcingRepository<Account> repository =
                EventSourcingRepository.builder(Account.class).eventStore(eventStore).build();
        private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        private long nextSequence;

        Ledger() {
            AggregateAnnotationCommandHandler.<Account>builder()
                                             .aggregateType(Account.class)
                                             .repository(repository)
                                             .build()
                                             .subscribe(commandBus);
        }

        Outcome run(Object command) {
            FutureCallback<Object, Object> callback = new FutureCallback<>();
            commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), callback);
            CommandResultMessage<?> result = callback.getResult();
            List<Object> events = eventStore.readEvents(ACCOUNT, nextSequence).asStream()
                                            .map(DomainEventMessage::getPayload)
                                            .map(Object.class::cast)
                                            .toList();
            nextSequence += events.size();
            if (!result.isExceptional()) {
                return new Outcome(null, result.getPayload(), events);
            }
            if (result.exceptionResult() instanceof LedgerRuleViolation violation) {
                return new Outcome(violation.code(), null, events);
            }
            throw new AssertionError("unexpected failure of " + command, result.exceptionResult());
        }

        /** Stores the current state as a snapshot, round-tripped through the production serializer. */
        void snapshot() {
            ResultMessage<SerializedObject<byte[]>> serialized =
                    DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("take snapshot"))
                                     .executeWithResult(() -> repository.load(ACCOUNT).invoke(
                                             account -> SERIALIZER.serialize(account, byte[].class)));
            assertThat(serialized.isExceptional()).as("%s", serialized).isFalse();
            Account restored = SERIALIZER.deserialize(serialized.getPayload());
            eventStore.storeSnapshot(new GenericDomainEventMessage<>("Account", ACCOUNT, nextSequence - 1, restored));
        }

        @Override
        public void close() {
            eventStore.shutDown();
        }
    }

    /** One step: the command it sends, and what the rules expect of it given the books so far. */
    sealed interface Operation {

        Object command();

        Expectation expectation(Books books);
    }

    record Deposit(long amount) implements Operation {
        @Override
        public Object command() {
            return new DepositMoneyCommand(ACCOUNT, "dep-" + System.nanoTime(), eur(amount));
        }

        @Override
        public Expectation expectation(Books books) {
            return books.isOpen() ? Expectation.event(MoneyDepositedEvent.class)
                                  : Expectation.refused(ErrorCode.ACCOUNT_NOT_OPEN);
        }
    }

    record Withdraw(long amount) implements Operation {
        @Override
        public Object command() {
            return new WithdrawMoneyCommand(ACCOUNT, "wd-" + System.nanoTime(), eur(amount));
        }

        @Override
        public Expectation expectation(Books books) {
            if (!books.isOpen()) {
                return Expectation.refused(ErrorCode.ACCOUNT_NOT_OPEN);
            }
            return books.covers(amount) ? Expectation.event(MoneyWithdrawnEvent.class)
                                        : Expectation.refused(ErrorCode.INSUFFICIENT_FUNDS);
        }
    }

    record PlaceHold(String holdId, long amount) implements Operation {
        @Override
        public Object command() {
            return new PlaceHoldCommand(ACCOUNT, holdId, "t-" + holdId, eur(amount));
        }

        @Override
        public Expectation expectation(Books books) {
            if (books.knownHold(holdId)) {
                return Expectation.nothing();
            }
            return books.isOpen() && books.covers(amount) ? Expectation.event(HoldPlacedEvent.class)
                                                          : Expectation.event(HoldRejectedEvent.class);
        }
    }

    record Release(String holdId) implements Operation {
        @Override
        public Object command() {
            return new ReleaseHoldCommand(ACCOUNT, holdId, "t-" + holdId, "compensation");
        }

        @Override
        public Expectation expectation(Books books) {
            if (books.openHolds.containsKey(holdId)) {
                return Expectation.event(HoldReleasedEvent.class, HoldOutcome.APPLIED);
            }
            // a hold never seen is refused for good, so a PlaceHold arriving later cannot reserve anything
            return books.knownHold(holdId) ? Expectation.nothing(books.pastOutcome(holdId))
                                           : Expectation.event(HoldRejectedEvent.class, HoldOutcome.UNKNOWN_HOLD);
        }
    }

    record Capture(String holdId) implements Operation {
        @Override
        public Object command() {
            return new CaptureHoldCommand(ACCOUNT, holdId, "t-" + holdId, "p-" + holdId);
        }

        @Override
        public Expectation expectation(Books books) {
            return books.openHolds.containsKey(holdId)
                    ? Expectation.event(HoldCapturedEvent.class, HoldOutcome.APPLIED)
                    : Expectation.nothing(books.pastOutcome(holdId));
        }
    }

    record Credit(String transferId, long amount) implements Operation {
        @Override
        public Object command() {
            return new CreditTransferCommand(ACCOUNT, transferId, "p-" + transferId, eur(amount));
        }

        @Override
        public Expectation expectation(Books books) {
            if (books.settledCredits.contains(transferId)) {
                return Expectation.nothing();
            }
            return books.isOpen() ? Expectation.event(TransferCreditedEvent.class)
                                  : Expectation.event(TransferCreditRejectedEvent.class);
        }
    }

    record Freeze() implements Operation {
        @Override
        public Object command() {
            return new FreezeAccountCommand(ACCOUNT, "aml", null);
        }

        @Override
        public Expectation expectation(Books books) {
            if (books.status == AccountStatus.CLOSED) {
                return Expectation.refused(ErrorCode.ACCOUNT_NOT_OPEN);
            }
            return books.isOpen() ? Expectation.event(AccountFrozenEvent.class) : Expectation.nothing();
        }
    }

    record Unfreeze() implements Operation {
        @Override
        public Object command() {
            return new UnfreezeAccountCommand(ACCOUNT, "cleared", null);
        }

        @Override
        public Expectation expectation(Books books) {
            if (books.status == AccountStatus.CLOSED) {
                return Expectation.refused(ErrorCode.ACCOUNT_NOT_OPEN);
            }
            return books.isOpen() ? Expectation.nothing() : Expectation.event(AccountUnfrozenEvent.class);
        }
    }

    record Close() implements Operation {
        @Override
        public Object command() {
            return new CloseAccountCommand(ACCOUNT, "done", null);
        }

        @Override
        public Expectation expectation(Books books) {
            if (books.status == AccountStatus.CLOSED) {
                return Expectation.nothing();
            }
            return books.balance == 0 && books.openHolds.isEmpty() ? Expectation.event(AccountClosedEvent.class)
                                                                   : Expectation.refused(ErrorCode.ACCOUNT_NOT_EMPTY);
        }
    }

    /** Not a command: replaces the stream's history with a snapshot, so later steps decide from restored state. */
    record TakeSnapshot() implements Operation {
        @Override
        public Object command() {
            throw new UnsupportedOperationException("a snapshot is taken, not sent");
        }

        @Override
        public Expectation expectation(Books books) {
            return Expectation.nothing();
        }
    }
}
