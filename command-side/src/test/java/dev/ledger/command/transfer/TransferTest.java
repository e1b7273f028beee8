package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.transfer.CompleteTransferCommand;
import dev.ledger.api.transfer.FailTransferCommand;
import dev.ledger.api.transfer.RejectTransferCommand;
import dev.ledger.api.transfer.RequestTransferCommand;
import dev.ledger.api.transfer.ReviewDecision;
import dev.ledger.api.transfer.ReviewTransferCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.command.directory.AccountDirectory;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.directory.TransferDirectory.Activity;
import dev.ledger.command.screening.ScreeningPolicies;
import dev.ledger.command.screening.ScreeningProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TransferTest {

    private static final String TRANSFER = "tr-1";
    private static final String SOURCE = "acc-src";
    private static final String DESTINATION = "acc-dst";
    private static final String DENIED_ACCOUNT = "acc-denied";
    private static final String SANCTIONED_ACCOUNT = "acc-sanctioned";
    private static final String SANCTIONED_OWNER = "owner-sanctioned";
    private static final String USD_ACCOUNT = "acc-usd";
    private static final long REVIEW_THRESHOLD = 1_000_000;
    private static final int VELOCITY_MAX_COUNT = 20;
    private static final Duration REVIEW_TIMEOUT = Duration.ofHours(24);
    private static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z");

    private FixtureConfiguration<Transfer> fixture;
    private TransferDirectory transfers;

    @BeforeEach
    void setUp() {
        AccountDirectory accounts = mock(AccountDirectory.class);
        list(accounts, SOURCE, "EUR", "owner-a");
        list(accounts, DESTINATION, "EUR", "owner-b");
        list(accounts, DENIED_ACCOUNT, "EUR", "owner-c");
        list(accounts, SANCTIONED_ACCOUNT, "EUR", SANCTIONED_OWNER);
        list(accounts, USD_ACCOUNT, "USD", "owner-d");
        transfers = mock(TransferDirectory.class);
        when(transfers.activitySince(any(), any(), any())).thenReturn(new Activity(0, 0));
        ScreeningProperties rules = new ScreeningProperties(Set.of(DENIED_ACCOUNT), Set.of(SANCTIONED_OWNER),
                                                            Map.of("EUR", REVIEW_THRESHOLD), Duration.ofHours(1),
                                                            VELOCITY_MAX_COUNT, null, REVIEW_TIMEOUT);

        fixture = new AggregateTestFixture<>(Transfer.class);
        fixture.registerInjectableResource(accounts);
        fixture.registerInjectableResource(ScreeningPolicies.of(rules, transfers, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Nested
    class Requesting {

        @Test
        void shouldRecordARequestThatPassesScreeningInOneAppend() {
            fixture.givenNoPriorActivity()
                   .when(request(SOURCE, DESTINATION, eur(500)))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(requested(SOURCE, DESTINATION, eur(500)),
                                 new TransferScreenedEvent(TRANSFER, ScreeningDecision.PASSED, List.of()))
                   .expectNoScheduledDeadlines()
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.MOVING_MONEY));
        }

        @Test
        void shouldRejectATransferToADeniedAccountInTheSameAppend() {
            fixture.givenNoPriorActivity()
                   .when(request(SOURCE, DENIED_ACCOUNT, eur(500)))
                   .expectEvents(requested(SOURCE, DENIED_ACCOUNT, eur(500)),
                                 new TransferScreenedEvent(TRANSFER, ScreeningDecision.DENIED, List.of(
                                         new ScreeningRuleHit("deny-list", ScreeningDecision.DENIED,
                                                              Map.of("party", "destination",
                                                                     "accountId", DENIED_ACCOUNT)))),
                                 new TransferRejectedEvent(TRANSFER, RejectionReason.SCREENING_DENIED,
                                                           "screening: deny-list"))
                   .expectNoScheduledDeadlines()
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.REJECTED));
        }

        @Test
        void shouldDenyRatherThanReviewWhenADenyListHitComesWithAReviewRule() {
            fixture.givenNoPriorActivity()
                   .when(request(SANCTIONED_ACCOUNT, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .expectEvents(requested(SANCTIONED_ACCOUNT, DESTINATION, eur(REVIEW_THRESHOLD)),
                                 new TransferScreenedEvent(TRANSFER, ScreeningDecision.DENIED, List.of(
                                         new ScreeningRuleHit("deny-list", ScreeningDecision.DENIED,
                                                              Map.of("party", "source",
                                                                     "ownerRef", SANCTIONED_OWNER)),
                                         thresholdHit(REVIEW_THRESHOLD))),
                                 // only the rules that denied are named in the rejection
                                 new TransferRejectedEvent(TRANSFER, RejectionReason.SCREENING_DENIED,
                                                           "screening: deny-list"))
                   .expectNoScheduledDeadlines();
        }

        @Test
        void shouldSendATransferAtTheThresholdToReviewAndScheduleItsTimeout() {
            fixture.givenNoPriorActivity()
                   .when(request(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .expectEvents(requested(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)),
                                 new TransferScreenedEvent(TRANSFER, ScreeningDecision.REVIEW,
                                                           List.of(thresholdHit(REVIEW_THRESHOLD))))
                   .expectScheduledDeadlineWithName(REVIEW_TIMEOUT, Transfer.REVIEW_DEADLINE)
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.IN_REVIEW));
        }

        @Test
        void shouldSendATransferToReviewWhenTheSourceIsTooActive() {
            when(transfers.activitySince(SOURCE, "EUR", NOW.minus(Duration.ofHours(1))))
                    .thenReturn(new Activity(VELOCITY_MAX_COUNT, 10_000));

            fixture.givenNoPriorActivity()
                   .when(request(SOURCE, DESTINATION, eur(500)))
                   .expectEvents(requested(SOURCE, DESTINATION, eur(500)),
                                 new TransferScreenedEvent(TRANSFER, ScreeningDecision.REVIEW, List.of(
                                         new ScreeningRuleHit("velocity", ScreeningDecision.REVIEW,
                                                              Map.of("window", "PT1H", "count", "21",
                                                                     "maxCount", "20")))))
                   .expectScheduledDeadlineWithName(REVIEW_TIMEOUT, Transfer.REVIEW_DEADLINE);
        }

        @ParameterizedTest
        @MethodSource("dev.ledger.command.transfer.TransferTest#missingParties")
        void shouldRefuseATransferWithoutSourceOrDestinationAsInvalid(String source, String destination) {
            // not SAME_ACCOUNT: two missing accounts are not the same account
            expectRefusal(fixture.givenNoPriorActivity().when(request(source, destination, eur(500))),
                          ErrorCode.VALIDATION_FAILED, "source and destination are required");
        }

        @Test
        void shouldRefuseATransferToTheSameAccount() {
            expectRefusal(fixture.givenNoPriorActivity().when(request(SOURCE, SOURCE, eur(500))),
                          ErrorCode.SAME_ACCOUNT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"source", "destination"})
        void shouldRefuseATransferWithAnUnknownAccount(String unknownParty) {
            RequestTransferCommand command = unknownParty.equals("source")
                    ? request("acc-nobody", DESTINATION, eur(500))
                    : request(SOURCE, "acc-nobody", eur(500));

            expectRefusal(fixture.givenNoPriorActivity().when(command), ErrorCode.UNKNOWN_ACCOUNT);
        }

        @Test
        void shouldRefuseAnAmountInAnotherCurrencyThanTheAccounts() {
            expectRefusal(fixture.givenNoPriorActivity().when(request(SOURCE, DESTINATION, new Money(500, "USD"))),
                          ErrorCode.CURRENCY_MISMATCH);
        }

        @Test
        void shouldRefuseATransferBetweenAccountsOfDifferentCurrencies() {
            expectRefusal(fixture.givenNoPriorActivity().when(request(SOURCE, USD_ACCOUNT, eur(500))),
                          ErrorCode.CURRENCY_MISMATCH);
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, Money.MAX_OPERATION_AMOUNT + 1, Long.MIN_VALUE})
        void shouldRefuseAnAmountOutsideTheOperationRange(long amount) {
            expectRefusal(fixture.givenNoPriorActivity().when(request(SOURCE, DESTINATION, eur(amount))),
                          ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldRefuseATransferWithoutAmount() {
            expectRefusal(fixture.givenNoPriorActivity().when(request(SOURCE, DESTINATION, null)),
                          ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldAcceptTheLargestOperationAmount() {
            fixture.givenNoPriorActivity()
                   .when(request(SOURCE, DESTINATION, eur(Money.MAX_OPERATION_AMOUNT)))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(requested(SOURCE, DESTINATION, eur(Money.MAX_OPERATION_AMOUNT)),
                                 new TransferScreenedEvent(TRANSFER, ScreeningDecision.REVIEW,
                                                           List.of(thresholdHit(Money.MAX_OPERATION_AMOUNT))));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"has space", "semi;colon",
                "x12345678901234567890123456789012345678901234567890123456789012345"})
        void shouldRefuseAnInvalidTransferId(String transferId) {
            expectRefusal(fixture.givenNoPriorActivity()
                                 .when(new RequestTransferCommand(transferId, SOURCE, DESTINATION, eur(500), null)),
                          ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    class Reviewing {

        @Test
        void shouldApproveATransferInReviewAndCancelItsTimeout() {
            fixture.givenCommands(request(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .when(review(ReviewDecision.APPROVE, "alice", "known customer", null))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new TransferApprovedEvent(TRANSFER, "alice", "known customer"))
                   .expectNoScheduledDeadlines()
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.MOVING_MONEY));
        }

        @Test
        void shouldRejectATransferInReviewAndCancelItsTimeout() {
            fixture.givenCommands(request(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .when(review(ReviewDecision.REJECT, "alice", "too large", null))
                   .expectEvents(new TransferRejectedEvent(TRANSFER, RejectionReason.REVIEW_REJECTED,
                                                           "rejected by alice: too large"))
                   .expectNoScheduledDeadlines()
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.REJECTED));
        }

        @Test
        void shouldNameOnlyTheReviewerWhenARejectionHasNoNote() {
            fixture.given(inReview())
                   .when(review(ReviewDecision.REJECT, "alice", null, null))
                   .expectEvents(new TransferRejectedEvent(TRANSFER, RejectionReason.REVIEW_REJECTED,
                                                           "rejected by alice"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"APPROVE", "REJECT"})
        void shouldAnswerAReviewWithTheTransfersNewVersion(ReviewDecision decision) {
            // requested = 0, screened = 1, the decision = 2
            fixture.given(inReview())
                   .when(review(decision, "alice", null, 1L))
                   .expectSuccessfulHandlerExecution()
                   .expectResultMessagePayload(2L);
        }

        @Test
        void shouldRefuseAReviewMadeAgainstAnOlderVersion() {
            fixture.given(inReview())
                   .when(review(ReviewDecision.APPROVE, "alice", null, 0L))
                   .expectException(ConflictingAggregateVersionException.class)
                   .expectNoEvents();
        }

        @Test
        void shouldRefuseAReviewOfATransferThatPassedScreening() {
            expectRefusal(fixture.given(requested(SOURCE, DESTINATION, eur(500)),
                                        new TransferScreenedEvent(TRANSFER, ScreeningDecision.PASSED, List.of()))
                                 .when(review(ReviewDecision.APPROVE, "alice", null, null)),
                          ErrorCode.TRANSFER_NOT_IN_REVIEW, "transfer was already reviewed or needed no review");
        }

        @Test
        void shouldRefuseASecondReview() {
            expectRefusal(fixture.given(inReview())
                                 .andGiven(new TransferApprovedEvent(TRANSFER, "alice", null))
                                 .when(review(ReviewDecision.REJECT, "bob", "changed my mind", null)),
                          ErrorCode.TRANSFER_NOT_IN_REVIEW, "transfer was already reviewed or needed no review");
        }

        @ParameterizedTest
        @MethodSource("dev.ledger.command.transfer.TransferTest#terminalEventsWithTheirStage")
        void shouldRefuseAReviewOfAnEndedTransferNamingHowItEnded(Object terminalEvent, Transfer.Stage stage) {
            expectRefusal(fixture.given(inReview())
                                 .andGiven(new TransferApprovedEvent(TRANSFER, "alice", null))
                                 .andGiven(terminalEvent)
                                 .when(review(ReviewDecision.APPROVE, "bob", null, null)),
                          ErrorCode.TRANSFER_NOT_IN_REVIEW, "transfer is " + stage);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void shouldRefuseAReviewWithoutReviewer(String reviewer) {
            expectRefusal(fixture.given(inReview()).when(review(ReviewDecision.APPROVE, reviewer, null, null)),
                          ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldRefuseAReviewWithoutDecision() {
            expectRefusal(fixture.given(inReview()).when(review(null, "alice", null, null)),
                          ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldKeepTheTimeoutOfARefusedReview() {
            fixture.givenCommands(request(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .when(review(ReviewDecision.APPROVE, " ", null, null))
                   .expectException(LedgerRuleViolation.class)
                   .expectScheduledDeadlineWithName(REVIEW_TIMEOUT, Transfer.REVIEW_DEADLINE);
        }
    }

    @Nested
    class ReviewTimeout {

        @Test
        void shouldRejectATransferStillInReviewWhenTheTimeoutElapses() {
            fixture.givenCommands(request(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .whenTimeElapses(REVIEW_TIMEOUT)
                   .expectTriggeredDeadlinesWithName(Transfer.REVIEW_DEADLINE)
                   .expectEvents(new TransferRejectedEvent(TRANSFER, RejectionReason.REVIEW_TIMED_OUT,
                                                           "no review decision in time"))
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.REJECTED));
        }

        @Test
        void shouldLeaveTheTransferInReviewUntilTheTimeoutElapses() {
            fixture.givenCommands(request(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .whenTimeElapses(REVIEW_TIMEOUT.minusSeconds(1))
                   .expectTriggeredDeadlines()
                   .expectNoEvents()
                   .expectScheduledDeadlineWithName(Duration.ofSeconds(1), Transfer.REVIEW_DEADLINE);
        }

        @Test
        void shouldNotTimeOutAnApprovedTransfer() {
            fixture.givenCommands(request(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)),
                                  review(ReviewDecision.APPROVE, "alice", null, null))
                   .whenTimeElapses(REVIEW_TIMEOUT.multipliedBy(2))
                   .expectTriggeredDeadlines()
                   .expectNoEvents();
        }

        @Test
        void shouldIgnoreATimeoutThatFiresAfterTheReviewEnded() {
            // the decision is given as an event, so the deadline is still scheduled when it fires
            fixture.givenCommands(request(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .andGiven(new TransferApprovedEvent(TRANSFER, "alice", null))
                   .whenTimeElapses(REVIEW_TIMEOUT)
                   .expectTriggeredDeadlinesWithName(Transfer.REVIEW_DEADLINE)
                   .expectNoEvents();
        }

        @Test
        void shouldRefuseAReviewAfterTheTimeoutRejectedTheTransfer() {
            expectRefusal(fixture.given(inReview())
                                 .andGiven(new TransferRejectedEvent(TRANSFER, RejectionReason.REVIEW_TIMED_OUT,
                                                                     "no review decision in time"))
                                 .when(review(ReviewDecision.APPROVE, "alice", "sorry, late", null)),
                          ErrorCode.TRANSFER_NOT_IN_REVIEW, "transfer is REJECTED");
        }
    }

    @Nested
    class Finishing {

        @Test
        void shouldCompleteATransferInProgressWithEverythingAProjectionNeeds() {
            fixture.given(passed())
                   .when(new CompleteTransferCommand(TRANSFER))
                   .expectEvents(new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION, eur(500)))
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.COMPLETED));
        }

        @Test
        void shouldRejectATransferInProgressForTheGivenReason() {
            fixture.given(passed())
                   .when(new RejectTransferCommand(TRANSFER, RejectionReason.INSUFFICIENT_FUNDS, null))
                   .expectEvents(new TransferRejectedEvent(TRANSFER, RejectionReason.INSUFFICIENT_FUNDS, null))
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.REJECTED));
        }

        @Test
        void shouldFailATransferInProgressForTheGivenReason() {
            fixture.given(passed())
                   .when(new FailTransferCommand(TRANSFER, RejectionReason.ACCOUNT_FROZEN, "hold released"))
                   .expectEvents(new TransferFailedEvent(TRANSFER, RejectionReason.ACCOUNT_FROZEN, "hold released"))
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.FAILED));
        }

        @Test
        void shouldCompleteAnApprovedTransfer() {
            fixture.given(inReview())
                   .andGiven(new TransferApprovedEvent(TRANSFER, "alice", null))
                   .when(new CompleteTransferCommand(TRANSFER))
                   .expectEvents(new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)))
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.COMPLETED));
        }

        @Test
        void shouldFailAnApprovedTransfer() {
            fixture.given(inReview())
                   .andGiven(new TransferApprovedEvent(TRANSFER, "alice", null))
                   .when(new FailTransferCommand(TRANSFER, RejectionReason.STEP_TIMED_OUT, null))
                   .expectEvents(new TransferFailedEvent(TRANSFER, RejectionReason.STEP_TIMED_OUT, null))
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.FAILED));
        }

        @Test
        void shouldNotCompleteATransferStillInReview() {
            // no money may move before a reviewer approved
            fixture.given(inReview())
                   .when(new CompleteTransferCommand(TRANSFER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.IN_REVIEW));
        }

        @Test
        void shouldNotFailATransferStillInReview() {
            fixture.given(inReview())
                   .when(new FailTransferCommand(TRANSFER, RejectionReason.STEP_TIMED_OUT, null))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.IN_REVIEW));
        }

        @Test
        void shouldStillTakeTheReviewAfterIgnoringACompletionWhileInReview() {
            fixture.given(inReview())
                   .andGivenCommands(new CompleteTransferCommand(TRANSFER))
                   .when(review(ReviewDecision.APPROVE, "alice", null, null))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new TransferApprovedEvent(TRANSFER, "alice", null));
        }

        @Test
        void shouldRejectATransferStillInReview() {
            fixture.given(inReview())
                   .when(new RejectTransferCommand(TRANSFER, RejectionReason.SCREENING_DENIED, "policy"))
                   .expectEvents(new TransferRejectedEvent(TRANSFER, RejectionReason.SCREENING_DENIED, "policy"))
                   .expectState(transfer -> assertThat(transfer).extracting("stage")
                                                                .isEqualTo(Transfer.Stage.REJECTED));
        }

        @ParameterizedTest(name = "{1} after {0}")
        @MethodSource("dev.ledger.command.transfer.TransferTest#terminalEventsAndFinishingCommands")
        void shouldIgnoreARedeliveredFinishingCommandOnceTheTransferEnded(Object terminalEvent, Object command) {
            fixture.given(passed())
                   .andGiven(terminalEvent)
                   .when(command)
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    static Stream<Arguments> missingParties() {
        return Stream.of(Arguments.of(null, DESTINATION), Arguments.of(SOURCE, null), Arguments.of(null, null));
    }

    static Stream<Arguments> terminalEventsWithTheirStage() {
        return Stream.of(
                Arguments.of(new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)),
                             Transfer.Stage.COMPLETED),
                Arguments.of(new TransferRejectedEvent(TRANSFER, RejectionReason.INSUFFICIENT_FUNDS, null),
                             Transfer.Stage.REJECTED),
                Arguments.of(new TransferFailedEvent(TRANSFER, RejectionReason.ACCOUNT_FROZEN, null),
                             Transfer.Stage.FAILED));
    }

    static Stream<Arguments> terminalEventsAndFinishingCommands() {
        List<Object> terminal = List.of(
                new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION, eur(500)),
                new TransferRejectedEvent(TRANSFER, RejectionReason.INSUFFICIENT_FUNDS, null),
                new TransferFailedEvent(TRANSFER, RejectionReason.ACCOUNT_FROZEN, null));
        List<Object> finishing = List.of(
                new CompleteTransferCommand(TRANSFER),
                new RejectTransferCommand(TRANSFER, RejectionReason.STEP_TIMED_OUT, null),
                new FailTransferCommand(TRANSFER, RejectionReason.STEP_TIMED_OUT, null));
        return terminal.stream().flatMap(event -> finishing.stream().map(command -> Arguments.of(event, command)));
    }

    private static void expectRefusal(ResultValidator<Transfer> result, ErrorCode code) {
        result.expectNoEvents()
              .expectException(ruleViolation(code))
              .expectExceptionDetails(code);
    }

    private static void expectRefusal(ResultValidator<Transfer> result, ErrorCode code, String message) {
        result.expectNoEvents()
              .expectException(ruleViolation(code))
              .expectExceptionDetails(code)
              .expectExceptionMessage(message);
    }

    private static Matcher<LedgerRuleViolation> ruleViolation(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a LedgerRuleViolation with code", "code") {
            @Override
            protected ErrorCode featureValueOf(LedgerRuleViolation violation) {
                return violation.code();
            }
        };
    }

    private static void list(AccountDirectory accounts, String accountId, String currency, String ownerRef) {
        when(accounts.find(accountId)).thenReturn(Optional.of(new ListedAccount(accountId, currency, ownerRef)));
    }

    private static RequestTransferCommand request(String source, String destination, Money amount) {
        return new RequestTransferCommand(TRANSFER, source, destination, amount, "rent");
    }

    private static TransferRequestedEvent requested(String source, String destination, Money amount) {
        return new TransferRequestedEvent(TRANSFER, source, destination, amount, "rent");
    }

    private static ReviewTransferCommand review(ReviewDecision decision, String reviewer, String note,
                                                Long expectedVersion) {
        return new ReviewTransferCommand(TRANSFER, decision, reviewer, note, expectedVersion);
    }

    private static List<Object> inReview() {
        return List.of(requested(SOURCE, DESTINATION, eur(REVIEW_THRESHOLD)),
                       new TransferScreenedEvent(TRANSFER, ScreeningDecision.REVIEW,
                                                 List.of(thresholdHit(REVIEW_THRESHOLD))));
    }

    private static List<Object> passed() {
        return List.of(requested(SOURCE, DESTINATION, eur(500)),
                       new TransferScreenedEvent(TRANSFER, ScreeningDecision.PASSED, List.of()));
    }

    private static ScreeningRuleHit thresholdHit(long amount) {
        return new ScreeningRuleHit("amount-threshold", ScreeningDecision.REVIEW,
                                    Map.of("amount", Long.toString(amount), "currency", "EUR",
                                           "threshold", Long.toString(REVIEW_THRESHOLD)));
    }

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }
}
