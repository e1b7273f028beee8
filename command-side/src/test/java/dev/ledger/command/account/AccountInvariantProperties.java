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
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
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
import dev.ledger.platform.axon.AxonPlatformConfiguration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * with random commands and transfer legs (posted as the booking posts them: asked first, then applied, in a unit of
 * work), and checks every step against books kept only from the emitted events: the money rules
 * hold after every step, every event's arithmetic adds up, and each decision is the one the rules call for.
 * <p>
 * Amounts are multiples of 50 and ids come from small pools, so exact boundaries (available == amount), zero
 * balances and repeated hold ids come up often.
 */
class AccountInvariantProperties {

    private static final Serializer SERIALIZER = new AxonPlatformConfiguration().serializer();

    @Property(tries = 300)
    void anySequenceOfOperationsKeepsTheMoneyRules(@ForAll @LongRange(min = 0, max = 300) long overdraftLimit,
                                                  @ForAll("operations") List<Operation> operations) {
        try (Ledger ledger = new Ledger()) {
            Books books = new Books(overdraftLimit);
            books.record(ledger.run(new OpenAccountCommand(ACCOUNT, "EUR", overdraftLimit, null, "holder-1")).events());

            for (Operation operation : operations) {
                if (operation instanceof TakeSnapshot) {
                    ledger.snapshot();
                    continue;
                }
                Expectation expected = operation.expectation(books);
                Outcome actual = operation.runOn(ledger);

                assertThat(actual.refusal()).as("refusal of %s", operation).isEqualTo(expected.refusal());
                assertThat(actual.declined()).as("leg refusal of %s", operation).isEqualTo(expected.declined());
                assertThat(actual.illegal()).as("illegal leg %s", operation).isEqualTo(expected.illegal());
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
                Tuple.of(3, Combinators.combine(transferIds, amounts).as(Debit::new)),
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

        Books(long overdraftLimit) {
            this.overdraftLimit = overdraftLimit;
        }

        boolean isOpen() {
            return status == AccountStatus.OPEN;
        }

        boolean covers(long amount) {
            return balance - held - amount >= -overdraftLimit;
        }

        /** Why a transfer leg taking {@code amount} out is refused now, as the booking asks it. */
        RejectionReason debitRefusal(long amount) {
            RejectionReason notOpen = statusRefusal();
            return notOpen != null ? notOpen : covers(amount) ? null : RejectionReason.INSUFFICIENT_FUNDS;
        }

        RejectionReason statusRefusal() {
            return switch (status) {
                case OPEN -> null;
                case FROZEN -> RejectionReason.ACCOUNT_FROZEN;
                case CLOSED -> RejectionReason.ACCOUNT_CLOSED;
            };
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
                assertThat(openHolds).as("a hold id is open at most once").doesNotContainKey(e.holdId());
                assertThat(e.heldAfter()).isEqualTo(held + e.amount().amount());
                openHolds.put(e.holdId(), e.amount().amount());
                held = e.heldAfter();
            } else if (event instanceof TransferDebitedEvent e) {
                assertMovable(e);
                assertThat(e.balanceAfter()).isEqualTo(balance - e.amount().amount());
                assertThat(e.contraAccountId()).isEqualTo(TRANSIT_EUR);
                balance = e.balanceAfter();
                transitBalance += e.amount().amount();
            } else if (event instanceof HoldReleasedEvent e) {
                assertThat(openHolds).containsEntry(e.holdId(), e.amount().amount());
                assertThat(e.heldAfter()).isEqualTo(held - e.amount().amount());
                openHolds.remove(e.holdId());
                held = e.heldAfter();
            } else if (event instanceof HoldCapturedEvent e) {
                assertThat(openHolds).containsEntry(e.holdId(), e.amount().amount());
                assertThat(e.heldAfter()).isEqualTo(held - e.amount().amount());
                assertThat(e.balanceAfter()).isEqualTo(balance - e.amount().amount());
                assertThat(e.contraAccountId()).isEqualTo(TRANSIT_EUR);
                openHolds.remove(e.holdId());
                held = e.heldAfter();
                balance = e.balanceAfter();
                transitBalance += e.amount().amount();
            } else if (event instanceof TransferCreditedEvent e) {
                assertMovable(e);
                assertThat(e.balanceAfter()).isEqualTo(balance + e.amount().amount());
                assertThat(e.contraAccountId()).isEqualTo(TRANSIT_EUR);
                balance = e.balanceAfter();
                transitBalance -= e.amount().amount();
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

    /**
     * What the rules call for: an error code (a command refused), a leg's refusal (the booking's question answered
     * "no", nothing posted), an illegal leg (a bug of the caller, refused before any effect), or at most one event of
     * a type, and maybe a handler result.
     */
    record Expectation(ErrorCode refusal, RejectionReason declined, boolean illegal, Class<?> eventType,
                       Object result) {

        static Expectation refused(ErrorCode code) {
            return new Expectation(code, null, false, null, null);
        }

        static Expectation declined(RejectionReason reason) {
            return new Expectation(null, reason, false, null, null);
        }

        static Expectation illegalLeg() {
            return new Expectation(null, null, true, null, null);
        }

        static Expectation event(Class<?> type) {
            return new Expectation(null, null, false, type, null);
        }

        static Expectation nothing() {
            return new Expectation(null, null, false, null, null);
        }
    }

    record Outcome(ErrorCode refusal, RejectionReason declined, boolean illegal, Object result,
                   List<Object> events) {
    }

    /** The aggregate wired as in production, minus Spring: a command bus, an event-sourcing repository. */
    private static final class Ledger implements AutoCloseable {

        private final EmbeddedEventStore eventStore =
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        private final EventSourcingRepository<Account> repository =
                EventSourcingRepository.builder(Account.class).eventStore(eventStore).build();
        private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        private final AccountBook book = new AccountBook(repository);
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
            List<Object> events = newEvents();
            if (!result.isExceptional()) {
                return new Outcome(null, null, false, result.getPayload(), events);
            }
            if (result.exceptionResult() instanceof LedgerRuleViolation violation) {
                return new Outcome(violation.code(), null, false, null, events);
            }
            throw new AssertionError("unexpected failure of " + command, result.exceptionResult());
        }

        /** Posts a leg as the booking does: the account locked in a unit of work, asked first, then posted. */
        Outcome post(Leg leg) {
            ResultMessage<RejectionReason> result =
                    DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(leg))
                                     .executeWithResult(() -> {
                                         LockedAccount account = book.lock(ACCOUNT);
                                         RejectionReason declined = leg.ask(account);
                                         if (declined == null) {
                                             leg.post(account);
                                         }
                                         return declined;
                                     });
            List<Object> events = newEvents();
            if (!result.isExceptional()) {
                return new Outcome(null, result.getPayload(), false, null, events);
            }
            if (result.exceptionResult() instanceof IllegalStateException) {
                return new Outcome(null, null, true, null, events);
            }
            throw new AssertionError("unexpected failure of " + leg, result.exceptionResult());
        }

        private List<Object> newEvents() {
            List<Object> events = eventStore.readEvents(ACCOUNT, nextSequence).asStream()
                                            .map(DomainEventMessage::getPayload)
                                            .map(Object.class::cast)
                                            .toList();
            nextSequence += events.size();
            return events;
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

        default Outcome runOn(Ledger ledger) {
            return ledger.run(command());
        }
    }

    /** A transfer leg: not a command, but the question the booking asks and the posting it then makes. */
    sealed interface Leg extends Operation {

        RejectionReason ask(LockedAccount account);

        void post(LockedAccount account);

        @Override
        default Object command() {
            throw new UnsupportedOperationException("a leg is posted, not sent");
        }

        @Override
        default Outcome runOn(Ledger ledger) {
            return ledger.post(this);
        }
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

    record PlaceHold(String holdId, long amount) implements Leg {
        @Override
        public RejectionReason ask(LockedAccount account) {
            return account.holdRefusal(eur(amount));
        }

        @Override
        public void post(LockedAccount account) {
            account.placeHold(holdId, "t-" + holdId, eur(amount));
        }

        @Override
        public Expectation expectation(Books books) {
            RejectionReason refusal = books.debitRefusal(amount);
            if (refusal != null) {
                return Expectation.declined(refusal);
            }
            return books.openHolds.containsKey(holdId) ? Expectation.illegalLeg()
                                                       : Expectation.event(HoldPlacedEvent.class);
        }
    }

    record Release(String holdId) implements Leg {
        @Override
        public RejectionReason ask(LockedAccount account) {
            return null;
        }

        @Override
        public void post(LockedAccount account) {
            account.releaseHold(holdId, "t-" + holdId, "REVIEW_REJECTED");
        }

        @Override
        public Expectation expectation(Books books) {
            // in any status: a frozen account must still let a reservation go
            return books.openHolds.containsKey(holdId) ? Expectation.event(HoldReleasedEvent.class)
                                                       : Expectation.illegalLeg();
        }
    }

    record Capture(String holdId) implements Leg {
        @Override
        public RejectionReason ask(LockedAccount account) {
            return null;
        }

        @Override
        public void post(LockedAccount account) {
            account.captureHold(holdId, "t-" + holdId, "p-" + holdId);
        }

        @Override
        public Expectation expectation(Books books) {
            return books.openHolds.containsKey(holdId) ? Expectation.event(HoldCapturedEvent.class)
                                                       : Expectation.illegalLeg();
        }
    }

    record Credit(String transferId, long amount) implements Leg {
        @Override
        public RejectionReason ask(LockedAccount account) {
            return account.creditRefusal(eur(amount));
        }

        @Override
        public void post(LockedAccount account) {
            account.credit(transferId, transferId + ":credit", eur(amount));
        }

        @Override
        public Expectation expectation(Books books) {
            RejectionReason refusal = books.statusRefusal();
            return refusal == null ? Expectation.event(TransferCreditedEvent.class) : Expectation.declined(refusal);
        }
    }

    record Debit(String transferId, long amount) implements Leg {
        @Override
        public RejectionReason ask(LockedAccount account) {
            return account.debitRefusal(eur(amount));
        }

        @Override
        public void post(LockedAccount account) {
            account.debit(transferId, transferId + ":debit", eur(amount));
        }

        @Override
        public Expectation expectation(Books books) {
            RejectionReason refusal = books.debitRefusal(amount);
            return refusal == null ? Expectation.event(TransferDebitedEvent.class) : Expectation.declined(refusal);
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
