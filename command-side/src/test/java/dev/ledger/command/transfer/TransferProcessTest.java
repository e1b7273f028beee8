package dev.ledger.command.transfer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.CaptureHoldCommand;
import dev.ledger.api.account.CreditTransferCommand;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldOutcome;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.PlaceHoldCommand;
import dev.ledger.api.account.ReleaseHoldCommand;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.transfer.CompleteTransferCommand;
import dev.ledger.api.transfer.FailTransferCommand;
import dev.ledger.api.transfer.RejectTransferCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.command.transfer.TransferProcess.Step;
import dev.ledger.command.transfer.TransferProcess.Watchdog;
import java.time.Duration;
import java.util.List;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransferProcessTest {

    private static final String TRANSFER = "tr-1";
    private static final String SOURCE = "acc-src";
    private static final String DESTINATION = "acc-dst";
    private static final Money AMOUNT = new Money(500, "EUR");
    private static final String HOLD = TRANSFER + ":hold";
    private static final String CREDIT_POSTING = TRANSFER + ":credit";
    private static final String DEBIT_POSTING = TRANSFER + ":debit";

    /** Step timeout 10 s, backoff capped at 5 min, three re-sends of the hold before giving up. */
    private static final TransferSettings SETTINGS =
            new TransferSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), 3);

    private SagaTestFixture<TransferProcess> fixture;
    /** What the accounts answer to a ReleaseHoldCommand. */
    private HoldOutcome releaseOutcome;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TransferProcess.class);
        // The process draws its jitter from ThreadLocalRandom; pin it to factor 1.0 (a draw of 1.0, which only a
        // stub can make) so the watchdog's deadlines are exact (10 s, 20 s, 40 s, ...). The jitter itself is
        // covered by TransferSettingsTest and WithRealJitter.
        TransferSettings withoutJitter = spy(SETTINGS);
        doAnswer(call -> SETTINGS.backoff(call.getArgument(0), TransferSettingsTest.fixed(1.0)))
                .when(withoutJitter).backoff(anyInt(), any());
        fixture.registerResource(withoutJitter);
        releaseOutcome = HoldOutcome.APPLIED;
        fixture.setCallbackBehavior((payload, metaData) -> payload instanceof ReleaseHoldCommand
                ? releaseOutcome : null);
    }

    @Nested
    class MovingTheMoney {

        @Test
        void shouldStartWatchingATransferOnceItIsRequested() {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(requested())
                   .expectActiveSagas(1)
                   .expectAssociationWith(TransferProcess.TRANSFER_ID, TRANSFER)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines();
        }

        @Test
        void shouldReserveTheFundsOnceScreeningPassed() {
            fixture.givenAPublished(requested())
                   .whenPublishingA(screened(ScreeningDecision.PASSED))
                   .expectDispatchedCommands(placeHold())
                   .expectScheduledDeadline(Duration.ofSeconds(10), new Watchdog(Step.RESERVE))
                   .expectActiveSagas(1);
        }

        @Test
        void shouldCreditTheDestinationOnceTheHoldIsPlaced() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .whenPublishingA(holdPlaced())
                   .expectDispatchedCommands(new CreditTransferCommand(DESTINATION, TRANSFER, CREDIT_POSTING, AMOUNT))
                   .expectActiveSagas(1);
        }

        @Test
        void shouldCaptureTheHoldOnceTheDestinationIsCredited() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .whenPublishingA(credited())
                   .expectDispatchedCommands(capture())
                   .expectActiveSagas(1);
        }

        @Test
        void shouldCompleteTheTransferOnceTheHoldIsCaptured() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(credited())
                   .whenPublishingA(captured())
                   .expectDispatchedCommands(new CompleteTransferCommand(TRANSFER))
                   .expectActiveSagas(1);
        }

        @Test
        void shouldEndAndDisarmTheWatchdogOnceTheTransferCompleted() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(credited())
                   .andThenAPublished(captured())
                   .whenPublishingA(new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION, AMOUNT))
                   .expectActiveSagas(0)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class InsufficientFunds {

        @Test
        void shouldRejectTheTransferWithTheAccountsReasonWhenTheHoldIsRefused() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .whenPublishingA(new HoldRejectedEvent(SOURCE, HOLD, TRANSFER, AMOUNT,
                                                          RejectionReason.INSUFFICIENT_FUNDS))
                   .expectDispatchedCommands(
                           new RejectTransferCommand(TRANSFER, RejectionReason.INSUFFICIENT_FUNDS, null))
                   .expectActiveSagas(1);
        }

        @Test
        void shouldEndOnceTheTransferIsRejected() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(new HoldRejectedEvent(SOURCE, HOLD, TRANSFER, AMOUNT,
                                                            RejectionReason.INSUFFICIENT_FUNDS))
                   .whenPublishingA(new TransferRejectedEvent(TRANSFER, RejectionReason.INSUFFICIENT_FUNDS, null))
                   .expectActiveSagas(0)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class FrozenDestination {

        @Test
        void shouldReleaseTheHoldWhenTheCreditIsRefused() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .whenPublishingA(creditRejected(RejectionReason.ACCOUNT_FROZEN))
                   // the release was applied, so the process waits for HoldReleasedEvent before failing
                   .expectDispatchedCommands(release(RejectionReason.ACCOUNT_FROZEN))
                   .expectActiveSagas(1);
        }

        @Test
        void shouldFailTheTransferOnceTheHoldIsReleased() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(creditRejected(RejectionReason.ACCOUNT_FROZEN))
                   .whenPublishingA(released("ACCOUNT_FROZEN"))
                   .expectDispatchedCommands(fail(RejectionReason.ACCOUNT_FROZEN))
                   .expectActiveSagas(1);
        }

        @ParameterizedTest
        @EnumSource(value = HoldOutcome.class, names = {"ALREADY_RELEASED", "UNKNOWN_HOLD"})
        void shouldFailAtOnceWhenThereIsNoOpenHoldToRelease(HoldOutcome outcome) {
            releaseOutcome = outcome;

            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .whenPublishingA(creditRejected(RejectionReason.ACCOUNT_FROZEN))
                   .expectDispatchedCommands(release(RejectionReason.ACCOUNT_FROZEN),
                                             fail(RejectionReason.ACCOUNT_FROZEN));
        }

        @Test
        void shouldEndOnceTheTransferFailed() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(creditRejected(RejectionReason.ACCOUNT_FROZEN))
                   .andThenAPublished(released("ACCOUNT_FROZEN"))
                   .whenPublishingA(new TransferFailedEvent(TRANSFER, RejectionReason.ACCOUNT_FROZEN, null))
                   .expectActiveSagas(0)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class Review {

        @Test
        void shouldWaitForAReviewerWithoutMovingMoneyOrWatching() {
            fixture.givenAPublished(requested())
                   .whenPublishingA(screened(ScreeningDecision.REVIEW))
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines()
                   .expectActiveSagas(1);
        }

        @Test
        void shouldReserveTheFundsOnceApproved() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.REVIEW))
                   .whenPublishingA(new TransferApprovedEvent(TRANSFER, "alice", null))
                   .expectDispatchedCommands(placeHold())
                   .expectScheduledDeadline(Duration.ofSeconds(10), new Watchdog(Step.RESERVE));
        }

        @Test
        void shouldEndWithoutMovingMoneyWhenTheReviewerRejects() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.REVIEW))
                   .whenPublishingA(new TransferRejectedEvent(TRANSFER, RejectionReason.REVIEW_REJECTED, "no"))
                   .expectActiveSagas(0)
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines();
        }

        @Test
        void shouldMoveNoMoneyForADeniedTransfer() {
            fixture.givenAPublished(requested())
                   .whenPublishingA(screened(ScreeningDecision.DENIED))
                   .expectNoDispatchedCommands()
                   .expectNoScheduledDeadlines();
        }

        @Test
        void shouldEndWhenTheDeniedTransferIsRejected() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.DENIED))
                   .whenPublishingA(new TransferRejectedEvent(TRANSFER, RejectionReason.SCREENING_DENIED, null))
                   .expectActiveSagas(0)
                   .expectNoDispatchedCommands();
        }
    }

    @Nested
    class Watching {

        @Test
        void shouldResendTheHoldWithTheSameIdsWhenReservingMakesNoProgress() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .whenTimeElapses(Duration.ofSeconds(10))
                   .expectTriggeredDeadlines(new Watchdog(Step.RESERVE))
                   .expectDispatchedCommands(placeHold())
                   .expectScheduledDeadline(Duration.ofSeconds(20), new Watchdog(Step.RESERVE))
                   .expectActiveSagas(1);
        }

        @Test
        void shouldNotResendBeforeTheStepTimeout() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .whenTimeElapses(Duration.ofSeconds(9))
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadline(Duration.ofSeconds(1), new Watchdog(Step.RESERVE));
        }

        @Test
        void shouldDoubleTheWaitAfterEveryResend() throws Exception {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(10))
                   .whenTimeElapses(Duration.ofSeconds(20))
                   .expectDispatchedCommands(placeHold())
                   .expectScheduledDeadline(Duration.ofSeconds(40), new Watchdog(Step.RESERVE));
        }

        @Test
        void shouldStillResendTheHoldOnTheLastAllowedAttempt() throws Exception {
            // re-sends at 10 s and 30 s in the given phase, the third (the maximum) at 70 s
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(30))
                   .whenTimeElapses(Duration.ofSeconds(40))
                   .expectDispatchedCommands(placeHold())
                   .expectScheduledDeadline(Duration.ofSeconds(80), new Watchdog(Step.RESERVE));
        }

        @Test
        void shouldReleaseAndFailWhenTheHoldIsNeverPlaced() throws Exception {
            releaseOutcome = HoldOutcome.UNKNOWN_HOLD;

            // three re-sends at 10 s, 30 s and 70 s; at 150 s the process gives up
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(70))
                   .whenTimeElapses(Duration.ofSeconds(80))
                   .expectDispatchedCommands(release(RejectionReason.STEP_TIMED_OUT),
                                             fail(RejectionReason.STEP_TIMED_OUT))
                   .expectScheduledDeadline(Duration.ofSeconds(10), new Watchdog(Step.RELEASE));
        }

        @Test
        void shouldWaitForTheReleaseWhenAGivenUpHoldTurnsOutToBeOpen() throws Exception {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(70))
                   .whenTimeElapses(Duration.ofSeconds(80))
                   .expectDispatchedCommands(release(RejectionReason.STEP_TIMED_OUT));
        }

        @Test
        void shouldFailWithStepTimedOutOnceTheGivenUpHoldIsReleased() throws Exception {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(150))
                   .andThenAPublished(holdPlaced()) // late: the process has given up by now
                   .whenPublishingA(released("STEP_TIMED_OUT"))
                   .expectDispatchedCommands(fail(RejectionReason.STEP_TIMED_OUT));
        }

        @Test
        void shouldNeverCreditAHoldThatArrivesAfterGivingUp() throws Exception {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(150))
                   .whenPublishingA(holdPlaced())
                   .expectNoDispatchedCommands();
        }

        @Test
        void shouldResendTheReleaseWhileItMakesNoProgress() throws Exception {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(150))
                   .whenTimeElapses(Duration.ofSeconds(10))
                   .expectDispatchedCommands(release(RejectionReason.STEP_TIMED_OUT))
                   .expectScheduledDeadline(Duration.ofSeconds(20), new Watchdog(Step.RELEASE));
        }

        @Test
        void shouldOnlyRearmAWatchdogThatWasArmedForAStepAlreadyPassed() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .whenTimeElapses(Duration.ofSeconds(10))
                   .expectTriggeredDeadlines(new Watchdog(Step.RESERVE))
                   .expectNoDispatchedCommands()
                   .expectScheduledDeadline(Duration.ofSeconds(10), new Watchdog(Step.CREDIT));
        }

        @Test
        void shouldResendTheCreditOnceTheRearmedWatchdogFires() throws Exception {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenTimeElapses(Duration.ofSeconds(10))
                   .whenTimeElapses(Duration.ofSeconds(10))
                   .expectDispatchedCommands(new CreditTransferCommand(DESTINATION, TRANSFER, CREDIT_POSTING, AMOUNT))
                   .expectScheduledDeadline(Duration.ofSeconds(20), new Watchdog(Step.CREDIT));
        }

        @Test
        void shouldKeepResendingTheCreditBeyondTheMaximumRatherThanRelease() throws Exception {
            // watchdog re-armed for CREDIT at 10 s, re-sends at 20, 40, 80 s (the maximum), then at 160 s
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenTimeElapses(Duration.ofSeconds(80))
                   .whenTimeElapses(Duration.ofSeconds(80))
                   .expectDispatchedCommands(new CreditTransferCommand(DESTINATION, TRANSFER, CREDIT_POSTING, AMOUNT))
                   .expectScheduledDeadline(Duration.ofSeconds(160), new Watchdog(Step.CREDIT));
        }

        @Test
        void shouldKeepResendingTheCaptureBeyondTheMaximumAndNeverCompensate() throws Exception {
            // money has reached the destination: the only way is forward
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(credited())
                   .andThenTimeElapses(Duration.ofSeconds(80))
                   .whenTimeElapses(Duration.ofSeconds(80))
                   .expectDispatchedCommands(capture())
                   .expectScheduledDeadline(Duration.ofSeconds(160), new Watchdog(Step.CAPTURE))
                   .expectActiveSagas(1);
        }

        @Test
        void shouldCapTheWaitBetweenResendsAtMaxBackoff() throws Exception {
            // capture re-sends at 20, 40, 80, 160 s; the next wait would be 320 s, capped to 300 s
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(credited())
                   .andThenTimeElapses(Duration.ofSeconds(160))
                   .whenTimeElapses(Duration.ofSeconds(160))
                   .expectDispatchedCommands(capture())
                   .expectScheduledDeadline(Duration.ofMinutes(5), new Watchdog(Step.CAPTURE));
        }
    }

    @Nested
    class Redelivery {

        @Test
        void shouldNotCreditTwiceWhenHoldPlacedIsRedelivered() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .whenPublishingA(holdPlaced())
                   .expectNoDispatchedCommands();
        }

        @Test
        void shouldNotCaptureAgainWhenACreditArrivesAfterTheCapture() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(credited())
                   .andThenAPublished(captured())
                   .whenPublishingA(credited())
                   .expectNoDispatchedCommands();
        }

        @Test
        void shouldNotReserveAgainWhenScreeningIsRedelivered() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .whenPublishingA(screened(ScreeningDecision.PASSED))
                   .expectNoDispatchedCommands();
        }

        @Test
        void shouldNotReserveAgainWhenAnApprovalIsRedelivered() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.REVIEW))
                   .andThenAPublished(new TransferApprovedEvent(TRANSFER, "alice", null))
                   .whenPublishingA(new TransferApprovedEvent(TRANSFER, "alice", null))
                   .expectNoDispatchedCommands();
        }

        @Test
        void shouldNotFailTwiceWhenHoldReleasedIsRedelivered() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(creditRejected(RejectionReason.ACCOUNT_FROZEN))
                   .andThenAPublished(released("ACCOUNT_FROZEN"))
                   .whenPublishingA(released("ACCOUNT_FROZEN"))
                   .expectNoDispatchedCommands();
        }
    }

    /** A refusal that arrives after the process moved past its step must not rewrite why the transfer fails. */
    @Nested
    class LateRejections {

        @Test
        void shouldKeepStepTimedOutWhenARefusedHoldIsReportedAfterGivingUp() throws Exception {
            releaseOutcome = HoldOutcome.UNKNOWN_HOLD;

            // gives up at 150 s (release, fail with STEP_TIMED_OUT); then the account's refusal of the original
            // hold arrives, and the FailTransferCommand is lost, so the watchdog re-sends the release at 160 s
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(150))
                   .andThenAPublished(new HoldRejectedEvent(SOURCE, HOLD, TRANSFER, AMOUNT,
                                                            RejectionReason.INSUFFICIENT_FUNDS))
                   .whenTimeElapses(Duration.ofSeconds(10))
                   .expectDispatchedCommands(release(RejectionReason.STEP_TIMED_OUT),
                                             fail(RejectionReason.STEP_TIMED_OUT))
                   .expectScheduledDeadline(Duration.ofSeconds(20), new Watchdog(Step.RELEASE));
        }

        @Test
        void shouldNotRejectATransferItAlreadyGaveUpOnWhenTheRefusedHoldIsReportedLate() throws Exception {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(150))
                   .whenPublishingA(new HoldRejectedEvent(SOURCE, HOLD, TRANSFER, AMOUNT,
                                                          RejectionReason.INSUFFICIENT_FUNDS))
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void shouldFailWithStepTimedOutOnceTheReleaseIsAppliedAfterALateRefusal() throws Exception {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(150))
                   .andThenAPublished(new HoldRejectedEvent(SOURCE, HOLD, TRANSFER, AMOUNT,
                                                            RejectionReason.INSUFFICIENT_FUNDS))
                   .whenPublishingA(released("STEP_TIMED_OUT"))
                   .expectDispatchedCommands(fail(RejectionReason.STEP_TIMED_OUT));
        }

        @Test
        void shouldIgnoreTheMarkerTheAccountRecordsWhenReleasingAHoldItNeverSaw() throws Exception {
            releaseOutcome = HoldOutcome.UNKNOWN_HOLD;

            // the release of a never-placed hold makes the account refuse that hold id for good (amount 0)
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenTimeElapses(Duration.ofSeconds(150))
                   .whenPublishingA(new HoldRejectedEvent(SOURCE, HOLD, TRANSFER, new Money(0, "EUR"),
                                                          RejectionReason.STEP_TIMED_OUT))
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void shouldFailWithTheFirstCreditRefusalWhenAnotherOneArrivesLater() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(creditRejected(RejectionReason.ACCOUNT_FROZEN))
                   .andThenAPublished(creditRejected(RejectionReason.ACCOUNT_CLOSED))
                   .whenPublishingA(released("ACCOUNT_FROZEN"))
                   .expectDispatchedCommands(fail(RejectionReason.ACCOUNT_FROZEN));
        }

        @Test
        void shouldNotReleaseAgainWhenASecondCreditRefusalArrives() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .andThenAPublished(holdPlaced())
                   .andThenAPublished(creditRejected(RejectionReason.ACCOUNT_FROZEN))
                   .whenPublishingA(creditRejected(RejectionReason.ACCOUNT_CLOSED))
                   .expectNoDispatchedCommands();
        }
    }

    /** The watchdog with the process's own jitter drawn from ThreadLocalRandom: bounds hold for any draw. */
    @Nested
    class WithRealJitter {

        @BeforeEach
        void useTheRealSettings() {
            fixture = new SagaTestFixture<>(TransferProcess.class);
            fixture.registerResource(SETTINGS);
        }

        @Test
        void shouldNotResendBeforeEightyPercentOfTheStepTimeout() {
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .whenTimeElapses(Duration.ofMillis(7_999))
                   .expectNoDispatchedCommands()
                   .expectTriggeredDeadlines();
        }

        @Test
        void shouldResendNoLaterThanTheStepTimeout() {
            // jitter only shortens the wait, so the step timeout (and maxBackoff) are true upper bounds
            fixture.givenAPublished(requested())
                   .andThenAPublished(screened(ScreeningDecision.PASSED))
                   .whenTimeElapses(Duration.ofSeconds(10))
                   .expectDispatchedCommands(placeHold())
                   .expectTriggeredDeadlines(new Watchdog(Step.RESERVE));
        }
    }

    private static TransferRequestedEvent requested() {
        return new TransferRequestedEvent(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent");
    }

    private static TransferScreenedEvent screened(ScreeningDecision decision) {
        return new TransferScreenedEvent(TRANSFER, decision, List.of());
    }

    private static HoldPlacedEvent holdPlaced() {
        return new HoldPlacedEvent(SOURCE, HOLD, TRANSFER, AMOUNT, 500);
    }

    private static TransferCreditedEvent credited() {
        return new TransferCreditedEvent(DESTINATION, TRANSFER, CREDIT_POSTING, AMOUNT, 500, "transit:EUR");
    }

    private static TransferCreditRejectedEvent creditRejected(RejectionReason reason) {
        return new TransferCreditRejectedEvent(DESTINATION, TRANSFER, AMOUNT, reason);
    }

    private static HoldCapturedEvent captured() {
        return new HoldCapturedEvent(SOURCE, HOLD, TRANSFER, DEBIT_POSTING, AMOUNT, 0, 0, "transit:EUR");
    }

    private static HoldReleasedEvent released(String reason) {
        return new HoldReleasedEvent(SOURCE, HOLD, TRANSFER, AMOUNT, 0, reason);
    }

    private static PlaceHoldCommand placeHold() {
        return new PlaceHoldCommand(SOURCE, HOLD, TRANSFER, AMOUNT);
    }

    private static CaptureHoldCommand capture() {
        return new CaptureHoldCommand(SOURCE, HOLD, TRANSFER, DEBIT_POSTING);
    }

    private static ReleaseHoldCommand release(RejectionReason reason) {
        return new ReleaseHoldCommand(SOURCE, HOLD, TRANSFER, reason.name());
    }

    private static FailTransferCommand fail(RejectionReason reason) {
        return new FailTransferCommand(TRANSFER, reason, null);
    }
}
