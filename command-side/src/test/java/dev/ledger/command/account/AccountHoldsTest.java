package dev.ledger.command.account;

import static dev.ledger.command.account.AccountFixtures.ACCOUNT;
import static dev.ledger.command.account.AccountFixtures.closed;
import static dev.ledger.command.account.AccountFixtures.deposited;
import static dev.ledger.command.account.AccountFixtures.eur;
import static dev.ledger.command.account.AccountFixtures.expectRefusal;
import static dev.ledger.command.account.AccountFixtures.frozen;
import static dev.ledger.command.account.AccountFixtures.holdCaptured;
import static dev.ledger.command.account.AccountFixtures.holdPlaced;
import static dev.ledger.command.account.AccountFixtures.holdRejected;
import static dev.ledger.command.account.AccountFixtures.holdReleased;
import static dev.ledger.command.account.AccountFixtures.opened;
import static dev.ledger.command.account.AccountFixtures.transferOf;
import static dev.ledger.command.account.AccountFixtures.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.CaptureHoldCommand;
import dev.ledger.api.account.HoldOutcome;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.PlaceHoldCommand;
import dev.ledger.api.account.ReleaseHoldCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Holds: the source leg of a transfer. Reserve, then either capture (post) or release (compensate). */
class AccountHoldsTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Nested
    class PlacingAHold {

        @Test
        void shouldReserveFundsWithoutTouchingTheBalance() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                   .when(placeHold("h1", 400))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(holdPlaced("h1", 400, 400))
                   .expectState(account -> assertThat(account).extracting("balance", "held")
                                                              .containsExactly(1_000L, 400L));
        }

        @Test
        void shouldReserveExactlyTheAvailableAmountIncludingTheOverdraft() {
            fixture.given(opened(500), deposited("dep-1", 100, 100))
                   .when(placeHold("h1", 600))
                   .expectEvents(holdPlaced("h1", 600, 600));
        }

        @Test
        void shouldRejectAHoldOneMinorUnitBeyondTheAvailableAmount() {
            fixture.given(opened(500), deposited("dep-1", 100, 100))
                   .when(placeHold("h1", 601))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(holdRejected("h1", 601, RejectionReason.INSUFFICIENT_FUNDS));
        }

        @Test
        void shouldCountOpenHoldsAgainstLaterHolds() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 700, 700))
                   .when(placeHold("h2", 300))
                   .expectEvents(holdPlaced("h2", 300, 1_000));
        }

        @Test
        void shouldRejectAHoldThatOpenHoldsLeaveUncovered() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 700, 700))
                   .when(placeHold("h2", 301))
                   .expectEvents(holdRejected("h2", 301, RejectionReason.INSUFFICIENT_FUNDS));
        }

        @Test
        void shouldCountAnOverdrawnBalanceAgainstAHold() {
            fixture.given(opened(500), withdrawn("wd-1", 300, -300))
                   .when(placeHold("h1", 201))
                   .expectEvents(holdRejected("h1", 201, RejectionReason.INSUFFICIENT_FUNDS));
        }

        @Test
        void shouldRejectAHoldOnAFrozenAccountEvenWhenCovered() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), frozen())
                   .when(placeHold("h1", 10))
                   .expectEvents(holdRejected("h1", 10, RejectionReason.ACCOUNT_FROZEN));
        }

        @Test
        void shouldRejectAHoldOnAClosedAccount() {
            fixture.given(opened(500), closed())
                   .when(placeHold("h1", 10))
                   .expectEvents(holdRejected("h1", 10, RejectionReason.ACCOUNT_CLOSED));
        }

        @Test
        void shouldRejectAHoldInAnotherCurrency() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                   .when(new PlaceHoldCommand(ACCOUNT, "h1", transferOf("h1"), new Money(10, "USD")))
                   .expectEvents(new HoldRejectedEvent(ACCOUNT, "h1", transferOf("h1"), new Money(10, "USD"),
                                                       RejectionReason.CURRENCY_MISMATCH));
        }

        @Test
        void shouldRejectAHoldWhoseHeldSumWouldOverflow() {
            // Reachable only near the largest balance: held may exceed Long.MAX_VALUE − overdraft there.
            fixture.given(opened(Money.MAX_OPERATION_AMOUNT), deposited("dep-1", 100, Long.MAX_VALUE),
                          holdPlaced("h1", Money.MAX_OPERATION_AMOUNT, Long.MAX_VALUE - 5))
                   .when(placeHold("h2", 10))
                   .expectEvents(holdRejected("h2", 10, RejectionReason.BALANCE_OVERFLOW));
        }

        @Test
        void shouldReserveAgainAfterAReleaseGaveTheFundsBack() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 1_000, 1_000),
                          holdReleased("h1", 1_000, 0, "transfer failed"))
                   .when(placeHold("h2", 1_000))
                   .expectEvents(holdPlaced("h2", 1_000, 1_000));
        }

        @Test
        void shouldNotReserveTwiceWhenTheSameHoldIsPlacedAgain() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400))
                   .when(placeHold("h1", 400))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectState(account -> assertThat(account).extracting("held").isEqualTo(400L));
        }

        @Test
        void shouldNotRetryARejectedHoldEvenWhenItWouldNowBeCovered() {
            fixture.given(opened(0), holdRejected("h1", 400, RejectionReason.INSUFFICIENT_FUNDS),
                          deposited("dep-1", 1_000, 1_000))
                   .when(placeHold("h1", 400))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void shouldNotReopenAReleasedHold() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400),
                          holdReleased("h1", 400, 0, "transfer failed"))
                   .when(placeHold("h1", 400))
                   .expectNoEvents();
        }

        @Test
        void shouldNotReopenACapturedHold() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400),
                          holdCaptured("h1", "p-1", 400, 600, 0))
                   .when(placeHold("h1", 400))
                   .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, Long.MIN_VALUE, Money.MAX_OPERATION_AMOUNT + 1, Long.MAX_VALUE})
        void shouldRefuseAHoldThatIsNotAPositiveAmountWithinBounds(long amount) {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 1_000, 1_000)).when(placeHold("h1", amount)),
                          ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldRefuseAHoldWithoutAnAmountAlsoOnAFrozenAccount() {
            expectRefusal(fixture.given(opened(0), frozen())
                                 .when(new PlaceHoldCommand(ACCOUNT, "h1", transferOf("h1"), null)),
                          ErrorCode.VALIDATION_FAILED);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = " ")
        void shouldRefuseAHoldWithoutAHoldId(String holdId) {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                                 .when(new PlaceHoldCommand(ACCOUNT, holdId, "t-1", eur(10))),
                          ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    class WithdrawingBesideHolds {

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
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(400), 600, AccountFixtures.WORLD_EUR));
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
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(300), -200, AccountFixtures.WORLD_EUR));
        }

        private WithdrawMoneyCommand withdraw(long amount) {
            return new WithdrawMoneyCommand(ACCOUNT, "wd-1", eur(amount));
        }
    }

    @Nested
    class ReleasingAHold {

        @Test
        void shouldGiveTheReservedFundsBack() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400),
                          holdPlaced("h2", 100, 500))
                   .when(release("h1"))
                   .expectEvents(holdReleased("h1", 400, 100, "transfer failed"))
                   .expectResultMessagePayload(HoldOutcome.APPLIED)
                   .expectState(account -> assertThat(account).extracting("balance", "held")
                                                              .containsExactly(1_000L, 100L));
        }

        @Test
        void shouldReleaseOnAFrozenAccountSoCompensationNeverGetsStuck() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400), frozen())
                   .when(release("h1"))
                   .expectEvents(holdReleased("h1", 400, 0, "transfer failed"))
                   .expectResultMessagePayload(HoldOutcome.APPLIED);
        }

        @Test
        void shouldSayAReleasedHoldIsAlreadyReleased() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400),
                          holdReleased("h1", 400, 0, "transfer failed"))
                   .when(release("h1"))
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.ALREADY_RELEASED);
        }

        @Test
        void shouldNotReleaseACapturedHold() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400),
                          holdCaptured("h1", "p-1", 400, 600, 0))
                   .when(release("h1"))
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.ALREADY_CAPTURED);
        }

        @Test
        void shouldRefuseAnUnknownHoldForGoodWhenItsTransferReleasesIt() {
            // the transfer gave up before its hold arrived: the id is marked refused, nothing is reserved
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                   .when(release("h1"))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(givenUpMarker("h1"))
                   .expectResultMessagePayload(HoldOutcome.UNKNOWN_HOLD)
                   .expectState(account -> assertThat(account).extracting("balance", "held")
                                                              .containsExactly(1_000L, 0L));
        }

        @Test
        void shouldNotPlaceAHoldThatArrivesAfterItsTransferGaveUp() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                   .andGivenCommands(release("h1"))
                   .when(placeHold("h1", 400))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectState(account -> assertThat(account).extracting("balance", "held")
                                                              .containsExactly(1_000L, 0L));
        }

        @Test
        void shouldNotPlaceAHoldAfterTheMarkerEvenWhenReplayedFromEvents() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), givenUpMarker("h1"))
                   .when(placeHold("h1", 400))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void shouldMarkAnUnknownHoldOnlyOnce() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), givenUpMarker("h1"))
                   .when(release("h1"))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.UNKNOWN_HOLD);
        }

        @Test
        void shouldMarkAnUnknownHoldAlsoOnAFrozenAccount() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), frozen())
                   .when(release("h1"))
                   .expectEvents(givenUpMarker("h1"))
                   .expectResultMessagePayload(HoldOutcome.UNKNOWN_HOLD);
        }

        @Test
        void shouldNotMarkAnUnknownHoldWhenTheReleaseNamesNoTransfer() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                   .when(new ReleaseHoldCommand(ACCOUNT, "h1", null, "cleanup"))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.UNKNOWN_HOLD);
        }

        @Test
        void shouldStillPlaceOtherHoldsAfterMarkingOne() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), givenUpMarker("h1"))
                   .when(placeHold("h2", 1_000))
                   .expectEvents(holdPlaced("h2", 1_000, 1_000));
        }

        @Test
        void shouldNotCaptureAHoldWhoseTransferGaveUp() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), givenUpMarker("h1"))
                   .when(new CaptureHoldCommand(ACCOUNT, "h1", transferOf("h1"), "p-h1"))
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.UNKNOWN_HOLD);
        }

        @Test
        void shouldTreatARejectedHoldAsUnknownBecauseItReservedNothing() {
            fixture.given(opened(0), holdRejected("h1", 400, RejectionReason.INSUFFICIENT_FUNDS))
                   .when(release("h1"))
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.UNKNOWN_HOLD);
        }

        @Test
        void shouldRefuseToReleaseAHoldOnBehalfOfAnotherTransfer() {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400))
                                 .when(new ReleaseHoldCommand(ACCOUNT, "h1", "t-other", "oops")),
                          ErrorCode.VALIDATION_FAILED);
        }

        private ReleaseHoldCommand release(String holdId) {
            return new ReleaseHoldCommand(ACCOUNT, holdId, transferOf(holdId), "transfer failed");
        }
    }

    @Nested
    class CapturingAHold {

        @Test
        void shouldPostTheHoldAsADebitAgainstTheTransitAccount() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400),
                          holdPlaced("h2", 100, 500))
                   .when(capture("h1"))
                   .expectEvents(holdCaptured("h1", "p-h1", 400, 600, 100))
                   .expectResultMessagePayload(HoldOutcome.APPLIED)
                   .expectState(account -> assertThat(account).extracting("balance", "held")
                                                              .containsExactly(600L, 100L));
        }

        @Test
        void shouldCaptureAHoldThatReachesIntoTheOverdraft() {
            fixture.given(opened(500), holdPlaced("h1", 500, 500))
                   .when(capture("h1"))
                   .expectEvents(holdCaptured("h1", "p-h1", 500, -500, 0));
        }

        @Test
        void shouldCaptureOnAnAccountFrozenAfterTheHoldWasPlaced() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400), frozen())
                   .when(capture("h1"))
                   .expectEvents(holdCaptured("h1", "p-h1", 400, 600, 0))
                   .expectResultMessagePayload(HoldOutcome.APPLIED);
        }

        @Test
        void shouldSayACapturedHoldIsAlreadyCaptured() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400),
                          holdCaptured("h1", "p-h1", 400, 600, 0))
                   .when(capture("h1"))
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.ALREADY_CAPTURED);
        }

        @Test
        void shouldNotCaptureAReleasedHold() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400),
                          holdReleased("h1", 400, 0, "timed out"))
                   .when(capture("h1"))
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.ALREADY_RELEASED);
        }

        @Test
        void shouldNotCaptureAnUnknownHold() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                   .when(capture("h1"))
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.UNKNOWN_HOLD);
        }

        @Test
        void shouldNotCaptureARejectedHold() {
            fixture.given(opened(0), holdRejected("h1", 400, RejectionReason.ACCOUNT_FROZEN))
                   .when(capture("h1"))
                   .expectNoEvents()
                   .expectResultMessagePayload(HoldOutcome.UNKNOWN_HOLD);
        }

        @Test
        void shouldRefuseToCaptureAHoldOnBehalfOfAnotherTransfer() {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400))
                                 .when(new CaptureHoldCommand(ACCOUNT, "h1", "t-other", "p-1")),
                          ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldRefuseACaptureWithoutAPostingId() {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 1_000, 1_000), holdPlaced("h1", 400, 400))
                                 .when(new CaptureHoldCommand(ACCOUNT, "h1", transferOf("h1"), null)),
                          ErrorCode.VALIDATION_FAILED);
        }

        private CaptureHoldCommand capture(String holdId) {
            return new CaptureHoldCommand(ACCOUNT, holdId, transferOf(holdId), "p-" + holdId);
        }
    }

    /** What a release of a hold the account never saw leaves behind: the id refused, with nothing reserved. */
    private static HoldRejectedEvent givenUpMarker(String holdId) {
        return holdRejected(holdId, 0, RejectionReason.STEP_TIMED_OUT);
    }

    private static PlaceHoldCommand placeHold(String holdId, long amount) {
        return new PlaceHoldCommand(ACCOUNT, holdId, transferOf(holdId), eur(amount));
    }
}
