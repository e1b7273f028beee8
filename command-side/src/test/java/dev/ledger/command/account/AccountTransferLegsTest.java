package dev.ledger.command.account;

import static dev.ledger.command.account.AccountFixtures.ACCOUNT;
import static dev.ledger.command.account.AccountFixtures.TRANSIT_EUR;
import static dev.ledger.command.account.AccountFixtures.WORLD_EUR;
import static dev.ledger.command.account.AccountFixtures.closed;
import static dev.ledger.command.account.AccountFixtures.credited;
import static dev.ledger.command.account.AccountFixtures.deposited;
import static dev.ledger.command.account.AccountFixtures.eur;
import static dev.ledger.command.account.AccountFixtures.expectRefusal;
import static dev.ledger.command.account.AccountFixtures.frozen;
import static dev.ledger.command.account.AccountFixtures.holdCaptured;
import static dev.ledger.command.account.AccountFixtures.holdPlaced;
import static dev.ledger.command.account.AccountFixtures.holdReleased;
import static dev.ledger.command.account.AccountFixtures.opened;
import static dev.ledger.command.account.AccountFixtures.transferOf;
import static dev.ledger.command.account.AccountFixtures.unfrozen;
import static dev.ledger.command.account.AccountFixtures.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.account.WithdrawMoneyCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The legs a transfer's booking posts on an account ({@link LockedAccount}): each refusal query, and each leg's
 * event. The legs are not command handlers, so these run them as the booking does: the account loaded from its
 * events into a unit of work, asked first, then posted, and committed.
 */
class AccountTransferLegsTest {

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventSourcingRepository<Account> repository =
            EventSourcingRepository.builder(Account.class).eventStore(eventStore).build();
    private final AccountBook book = new AccountBook(repository);
    private long nextSequence;

    @AfterEach
    void stopEventStore() {
        eventStore.shutDown();
    }

    @Nested
    class Debiting {

        @Test
        void shouldPostTheDebitAgainstTheTransitAccount() {
            given(opened(0), deposited("dep-1", 1_000, 1_000));

            assertThat(when(account -> account.debit("t-1", "t-1:debit", eur(400)))).containsExactly(
                    new TransferDebitedEvent(ACCOUNT, "t-1", "t-1:debit", eur(400), 600, TRANSIT_EUR));
        }

        @Test
        void shouldDebitExactlyTheAvailableAmountIncludingTheOverdraft() {
            given(opened(500), deposited("dep-1", 100, 100));

            assertThat(ask(account -> account.debitRefusal(eur(600)))).isNull();
            assertThat(when(account -> account.debit("t-1", "t-1:debit", eur(600)))).containsExactly(
                    new TransferDebitedEvent(ACCOUNT, "t-1", "t-1:debit", eur(600), -500, TRANSIT_EUR));
        }

        @Test
        void shouldRefuseADebitOneMinorUnitBeyondTheAvailableAmount() {
            given(opened(500), deposited("dep-1", 100, 100));

            assertThat(ask(account -> account.debitRefusal(eur(601)))).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldCountOpenHoldsAgainstADebit() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600));

            assertThat(ask(account -> account.debitRefusal(eur(401)))).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
            assertThat(ask(account -> account.debitRefusal(eur(400)))).isNull();
        }

        @Test
        void shouldRefuseADebitOfAFrozenAccountEvenWhenCovered() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), frozen());

            assertThat(ask(account -> account.debitRefusal(eur(1)))).isEqualTo(RejectionReason.ACCOUNT_FROZEN);
        }

        @Test
        void shouldRefuseADebitOfAClosedAccount() {
            given(opened(1_000), closed());

            assertThat(ask(account -> account.debitRefusal(eur(1)))).isEqualTo(RejectionReason.ACCOUNT_CLOSED);
        }

        @Test
        void shouldRefuseADebitInAnotherCurrency() {
            given(opened(0), deposited("dep-1", 1_000, 1_000));

            assertThat(ask(account -> account.debitRefusal(new Money(1, "USD"))))
                    .isEqualTo(RejectionReason.CURRENCY_MISMATCH);
        }

        @Test
        void shouldDebitAgainAfterAnUnfreeze() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), frozen(), unfrozen());

            assertThat(ask(account -> account.debitRefusal(eur(1_000)))).isNull();
        }

        @Test
        void shouldRefuseToPostADebitTheAccountRefusesAndStoreNothing() {
            given(opened(0), deposited("dep-1", 100, 100));

            assertThat(failure(account -> account.debit("t-1", "t-1:debit", eur(101))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }
    }

    @Nested
    class Crediting {

        @Test
        void shouldCreditTheAccountAgainstTheTransitAccountOfItsCurrency() {
            given(opened(0));

            assertThat(when(account -> account.credit("t-1", "t-1:credit", eur(300)))).containsExactly(
                    new TransferCreditedEvent(ACCOUNT, "t-1", "t-1:credit", eur(300), 300, TRANSIT_EUR));
        }

        @Test
        void shouldRepayAnOverdraftWithACredit() {
            given(opened(500), withdrawn("wd-1", 400, -400));

            assertThat(when(account -> account.credit("t-1", "t-1:credit", eur(100)))).containsExactly(
                    credited("t-1", "t-1:credit", 100, -300));
        }

        @Test
        void shouldRefuseACreditToAFrozenAccount() {
            given(opened(0), frozen());

            assertThat(ask(account -> account.creditRefusal(eur(1)))).isEqualTo(RejectionReason.ACCOUNT_FROZEN);
        }

        @Test
        void shouldRefuseACreditToAClosedAccount() {
            given(opened(0), closed());

            assertThat(ask(account -> account.creditRefusal(eur(1)))).isEqualTo(RejectionReason.ACCOUNT_CLOSED);
        }

        @Test
        void shouldRefuseACreditInAnotherCurrency() {
            given(opened(0));

            assertThat(ask(account -> account.creditRefusal(new Money(1, "USD"))))
                    .isEqualTo(RejectionReason.CURRENCY_MISMATCH);
        }

        @Test
        void shouldRefuseACreditThatWouldOverflowTheBalance() {
            given(opened(0), deposited("dep-1", 100, Long.MAX_VALUE - 10));

            assertThat(ask(account -> account.creditRefusal(eur(11)))).isEqualTo(RejectionReason.BALANCE_OVERFLOW);
            assertThat(failure(account -> account.credit("t-1", "t-1:credit", eur(11))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }

        @Test
        void shouldCreditUpToTheLargestRepresentableBalance() {
            given(opened(0), deposited("dep-1", 100, Long.MAX_VALUE - 10));

            assertThat(ask(account -> account.creditRefusal(eur(10)))).isNull();
            assertThat(when(account -> account.credit("t-1", "t-1:credit", eur(10)))).containsExactly(
                    credited("t-1", "t-1:credit", 10, Long.MAX_VALUE));
        }

        @Test
        void shouldCountACreditTowardsLaterHolds() {
            given(opened(0), credited("t-in", "t-in:credit", 500, 500));

            assertThat(ask(account -> account.holdRefusal(eur(500)))).isNull();
            assertThat(ask(account -> account.holdRefusal(eur(501)))).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
        }
    }

    @Nested
    class PlacingAHold {

        @Test
        void shouldReserveFundsWithoutTouchingTheBalance() {
            given(opened(0), deposited("dep-1", 1_000, 1_000));

            assertThat(when(account -> account.placeHold("h1", transferOf("h1"), eur(600))))
                    .containsExactly(holdPlaced("h1", 600, 600));
            assertThat(ask(account -> account.debitRefusal(eur(401)))).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldReserveExactlyTheAvailableAmountIncludingTheOverdraft() {
            given(opened(500), deposited("dep-1", 100, 100));

            assertThat(ask(account -> account.holdRefusal(eur(600)))).isNull();
            assertThat(ask(account -> account.holdRefusal(eur(601)))).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldCountOpenHoldsAgainstLaterHolds() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600));

            assertThat(when(account -> account.placeHold("h2", transferOf("h2"), eur(400))))
                    .containsExactly(holdPlaced("h2", 400, 1_000));
            assertThat(ask(account -> account.holdRefusal(eur(1)))).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldCountAnOverdrawnBalanceAgainstAHold() {
            given(opened(500), withdrawn("wd-1", 400, -400));

            assertThat(ask(account -> account.holdRefusal(eur(101)))).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldRefuseAHoldOnAFrozenAccountEvenWhenCovered() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), frozen());

            assertThat(ask(account -> account.holdRefusal(eur(1)))).isEqualTo(RejectionReason.ACCOUNT_FROZEN);
        }

        @Test
        void shouldRefuseAHoldOnAClosedAccount() {
            given(opened(1_000), closed());

            assertThat(ask(account -> account.holdRefusal(eur(1)))).isEqualTo(RejectionReason.ACCOUNT_CLOSED);
        }

        @Test
        void shouldRefuseAHoldInAnotherCurrency() {
            given(opened(0), deposited("dep-1", 1_000, 1_000));

            assertThat(ask(account -> account.holdRefusal(new Money(1, "USD"))))
                    .isEqualTo(RejectionReason.CURRENCY_MISMATCH);
        }

        @Test
        void shouldRefuseAHoldWhoseHeldSumWouldOverflow() {
            // only reachable with a balance near Long.MAX_VALUE and an overdraft: held ≤ balance + overdraft
            given(opened(1_000), deposited("dep-1", 100, Long.MAX_VALUE),
                  holdPlaced("h1", Long.MAX_VALUE, Long.MAX_VALUE));

            assertThat(ask(account -> account.holdRefusal(eur(1_000)))).isEqualTo(RejectionReason.BALANCE_OVERFLOW);
            assertThat(ask(account -> account.holdRefusal(eur(1_001)))).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldReserveAgainAfterAReleaseGaveTheFundsBack() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 1_000, 1_000),
                  holdReleased("h1", 1_000, 0, "REVIEW_REJECTED"));

            assertThat(when(account -> account.placeHold("h2", transferOf("h2"), eur(1_000))))
                    .containsExactly(holdPlaced("h2", 1_000, 1_000));
        }

        @Test
        void shouldRefuseToOpenAHoldThatIsAlreadyOpenAndStoreNothing() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 100, 100));

            assertThat(failure(account -> account.placeHold("h1", transferOf("h1"), eur(100))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }

        @Test
        void shouldRefuseToPlaceAHoldTheAccountRefuses() {
            given(opened(0), frozen());

            assertThat(failure(account -> account.placeHold("h1", transferOf("h1"), eur(1))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }
    }

    @Nested
    class ReleasingAHold {

        @Test
        void shouldGiveTheReservedFundsBack() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600));

            assertThat(when(account -> account.releaseHold("h1", transferOf("h1"), "REVIEW_REJECTED")))
                    .containsExactly(holdReleased("h1", 600, 0, "REVIEW_REJECTED"));
            assertThat(ask(account -> account.debitRefusal(eur(1_000)))).isNull();
        }

        @Test
        void shouldReleaseOnAFrozenAccountSoAReservationNeverGetsStuck() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600), frozen());

            assertThat(when(account -> account.releaseHold("h1", transferOf("h1"), "REVIEW_TIMED_OUT")))
                    .containsExactly(holdReleased("h1", 600, 0, "REVIEW_TIMED_OUT"));
        }

        @Test
        void shouldReleaseOnAClosedAccountToo() {
            // a closed account has no open holds (closing requires that), so only a release it never had fails
            given(opened(0), closed());

            assertThat(failure(account -> account.releaseHold("h1", transferOf("h1"), "x")))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void shouldNotReleaseAHoldTwice() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600),
                  holdReleased("h1", 600, 0, "REVIEW_REJECTED"));

            assertThat(failure(account -> account.releaseHold("h1", transferOf("h1"), "again")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }

        @Test
        void shouldNotReleaseACapturedHold() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600),
                  holdCaptured("h1", "p-1", 600, 400, 0));

            assertThat(failure(account -> account.releaseHold("h1", transferOf("h1"), "late")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }

        @Test
        void shouldRefuseToReleaseAHoldOnBehalfOfAnotherTransfer() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600));

            assertThat(failure(account -> account.releaseHold("h1", "t-other", "mine")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }
    }

    @Nested
    class CapturingAHold {

        @Test
        void shouldPostTheHoldAsADebitAgainstTheTransitAccount() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600));

            assertThat(when(account -> account.captureHold("h1", transferOf("h1"), "p-1")))
                    .containsExactly(holdCaptured("h1", "p-1", 600, 400, 0));
        }

        @Test
        void shouldCaptureAHoldThatReachesIntoTheOverdraft() {
            given(opened(500), deposited("dep-1", 100, 100), holdPlaced("h1", 600, 600));

            assertThat(when(account -> account.captureHold("h1", transferOf("h1"), "p-1")))
                    .containsExactly(holdCaptured("h1", "p-1", 600, -500, 0));
        }

        @Test
        void shouldCaptureOnAnAccountFrozenAfterTheHoldWasPlaced() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600), frozen());

            assertThat(when(account -> account.captureHold("h1", transferOf("h1"), "p-1")))
                    .containsExactly(holdCaptured("h1", "p-1", 600, 400, 0));
        }

        @Test
        void shouldKeepOtherHoldsWhenCapturingOne() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600),
                  holdPlaced("h2", 300, 900));

            assertThat(when(account -> account.captureHold("h1", transferOf("h1"), "p-1")))
                    .containsExactly(holdCaptured("h1", "p-1", 600, 400, 300));
        }

        @Test
        void shouldNotCaptureTwice() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600),
                  holdCaptured("h1", "p-1", 600, 400, 0));

            assertThat(failure(account -> account.captureHold("h1", transferOf("h1"), "p-2")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }

        @Test
        void shouldNotCaptureAReleasedHold() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600),
                  holdReleased("h1", 600, 0, "REVIEW_REJECTED"));

            assertThat(failure(account -> account.captureHold("h1", transferOf("h1"), "p-1")))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void shouldNotCaptureAnUnknownHold() {
            given(opened(0), deposited("dep-1", 1_000, 1_000));

            assertThat(failure(account -> account.captureHold("h1", transferOf("h1"), "p-1")))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void shouldRefuseToCaptureAHoldOnBehalfOfAnotherTransfer() {
            given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600));

            assertThat(failure(account -> account.captureHold("h1", "t-other", "p-1")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(storedSince()).isEmpty();
        }
    }

    /** Withdrawals are commands: the aggregate fixture, with holds given as events. */
    @Nested
    class WithdrawingBesideHolds {

        private FixtureConfiguration<Account> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Account.class);
        }

        @Test
        void shouldNotWithdrawFundsReservedByAHold() {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600))
                                 .when(withdraw(401)),
                          ErrorCode.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldWithdrawExactlyWhatTheHoldsLeaveAvailable() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600))
                   .when(withdraw(400))
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(400), 600, WORLD_EUR));
        }

        @Test
        void shouldCountHoldsAgainstTheOverdraftToo() {
            expectRefusal(fixture.given(opened(500), deposited("dep-1", 100, 100), holdPlaced("h1", 300, 300))
                                 .when(withdraw(301)),
                          ErrorCode.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldWithdrawIntoTheOverdraftUpToWhatHoldsLeave() {
            fixture.given(opened(500), deposited("dep-1", 100, 100), holdPlaced("h1", 300, 300))
                   .when(withdraw(300))
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(300), -200, WORLD_EUR));
        }

        @Test
        void shouldWithdrawEverythingAgainOnceTheHoldIsReleased() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 600, 600),
                          holdReleased("h1", 600, 0, "REVIEW_REJECTED"))
                   .when(withdraw(1_000))
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(1_000), 0, WORLD_EUR));
        }

        private WithdrawMoneyCommand withdraw(long amount) {
            return new WithdrawMoneyCommand(ACCOUNT, "wd-1", eur(amount));
        }
    }

    private void given(Object... events) {
        List<EventMessage<?>> history = new ArrayList<>();
        for (Object event : events) {
            history.add(new GenericDomainEventMessage<>("Account", ACCOUNT, nextSequence++, event));
        }
        eventStore.publish(history);
    }

    /** Asks the account a question in a unit of work of its own. */
    private RejectionReason ask(Function<LockedAccount, RejectionReason> question) {
        ResultMessage<RejectionReason> result = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("ask"))
                                                   .executeWithResult(() -> question.apply(book.lock(ACCOUNT)));
        assertThat(result.isExceptional()).as("%s", result).isFalse();
        return result.getPayload();
    }

    /** Posts a leg in a unit of work of its own, which must commit; returns the events it stored. */
    private List<Object> when(Consumer<LockedAccount> leg) {
        Throwable failure = failure(leg);
        assertThat(failure).as("the leg failed").isNull();
        return storedSince();
    }

    /** Posts a leg and returns why its unit of work rolled back, or {@code null} if it committed. */
    private Throwable failure(Consumer<LockedAccount> leg) {
        ResultMessage<Object> result = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("post"))
                                                        .executeWithResult(() -> {
                                                            leg.accept(book.lock(ACCOUNT));
                                                            return null;
                                                        });
        return result.isExceptional() ? result.exceptionResult() : null;
    }

    /** The events stored after the given history and the legs read so far. */
    private List<Object> storedSince() {
        List<Object> events = eventStore.readEvents(ACCOUNT, nextSequence).asStream()
                                        .map(DomainEventMessage::getPayload)
                                        .map(Object.class::cast)
                                        .toList();
        nextSequence += events.size();
        return events;
    }
}
