package dev.ledger.command.transfer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;

import dev.ledger.api.Money;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.screening.ScreeningPolicies;
import dev.ledger.command.screening.ScreeningPolicy;
import dev.ledger.command.screening.ScreeningRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The review-expiry process: it lives from the review's hold to its capture or release, and only ever sends the
 * expiry, whose repeats the booking ignores.
 */
class TransferProcessTest {

    private static final String TRANSFER = "tr-1";
    private static final String SOURCE = "acc-src";
    private static final Money AMOUNT = new Money(1_000_000, "EUR");
    private static final String HOLD = TRANSFER + ":hold";
    private static final Duration REVIEW_TIMEOUT = Duration.ofHours(24);
    private static final Instant PLACED_AT = Instant.parse("2025-03-14T12:00:00Z");

    /** Retries start at 10 s and double, capped at 5 min. */
    private static final TransferSettings SETTINGS = new TransferSettings(Duration.ofSeconds(10), Duration.ofMinutes(5));

    // The stub deadline manager also counts deadlines triggered in the given phase, so tests that let time pass
    // before the when phase check the commands sent instead.
    private SagaTestFixture<TransferProcess> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TransferProcess.class);
        // The process draws its jitter from ThreadLocalRandom; pin it to factor 1.0 so the retries are exact
        // (10 s, 20 s, ...). The jitter itself is covered by TransferSettingsTest and WithRealJitter.
        TransferSettings withoutJitter = spy(SETTINGS);
        doAnswer(call -> SETTINGS.backoff(call.getArgument(0), TransferSettingsTest.fixed(1.0)))
                .when(withoutJitter).backoff(anyInt(), any());
        fixture.registerResource(withoutJitter);
        fixture.registerResource(screening());
        fixture.setCallbackBehavior((payload, metaData) -> null);
        // events take the fixture's time; a whole-millisecond start keeps deadlines and expectations on one clock
    }

    @Nested
    class Starting {

        @Test
        void shouldStartOnTheReviewsHoldAndScheduleTheTimeoutFromWhenItWasPlaced() throws Exception {
            fixture.givenCurrentTime(PLACED_AT)
                   .whenPublishingA(holdPlaced())
                   .expectActiveSagas(1)
                   .expectAssociationWith(TransferProcess.TRANSFER_ID, TRANSFER)
                   .expectScheduledDeadlineWithName(PLACED_AT.plus(REVIEW_TIMEOUT), TransferProcess.REVIEW_DEADLINE)
                   .expectNoDispatchedCommands();
        }

        @Test
        void shouldNotStartOnACaptureOrReleaseAlone() throws Exception {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(captured())
                   .expectActiveSagas(0)
                   .expectNoScheduledDeadlines();
            fixture.givenNoPriorActivity()
                   .whenPublishingA(released("REVIEW_REJECTED"))
                   .expectActiveSagas(0)
                   .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class Ending {

        @Test
        void shouldEndAndCancelTheTimeoutWhenTheApprovedHoldIsCaptured() throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .whenPublishingA(captured())
                   .expectActiveSagas(0)
                   .expectNoScheduledDeadlines()
                   .expectNoDispatchedCommands();
        }

        @ParameterizedTest
        @ValueSource(strings = {"REVIEW_REJECTED", "ACCOUNT_FROZEN"})
        void shouldEndAndCancelTheTimeoutWhenTheHoldIsReleased(String reason) throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .whenPublishingA(released(reason))
                   .expectActiveSagas(0)
                   .expectNoScheduledDeadlines()
                   .expectNoDispatchedCommands();
        }

        @Test
        void shouldEndAndCancelTheRetryOnceTheExpiryReleasedTheHold() throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .andThenTimeElapses(REVIEW_TIMEOUT)
                   .whenPublishingA(released("REVIEW_TIMED_OUT"))
                   .expectActiveSagas(0)
                   .expectNoScheduledDeadlines()
                   .expectNoDispatchedCommands();
        }

        @Test
        void shouldIgnoreTheHoldsOfOtherTransfers() throws Exception {
            fixture.givenCurrentTime(PLACED_AT)
                   .andThenAPublished(holdPlaced())
                   .whenPublishingA(new HoldCapturedEvent(SOURCE, "tr-2:hold", "tr-2", "tr-2:debit", AMOUNT, 0, 0,
                                                          "transit:EUR"))
                   .expectActiveSagas(1)
                   .expectScheduledDeadlineWithName(PLACED_AT.plus(REVIEW_TIMEOUT), TransferProcess.REVIEW_DEADLINE);
        }
    }

    @Nested
    class Expiring {

        @Test
        void shouldNotExpireBeforeTheTimeout() throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .whenTimeElapses(REVIEW_TIMEOUT.minusSeconds(1))
                   .expectTriggeredDeadlines()
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        /** Found by a security review: the expiry's events carried the requester's client beside the ledger. */
        @Test
        void shouldSendTheExpiryAsTheLedgerItselfNotAsTheRequester() throws Exception {
            fixture.givenCurrentTime(PLACED_AT)
                   .andThenAPublished(org.axonframework.eventhandling.GenericEventMessage.asEventMessage(holdPlaced())
                                              .andMetaData(java.util.Map.of("principal", "holder-1",
                                                                            "clientId", "app-1")))
                   .whenTimeElapses(REVIEW_TIMEOUT)
                   .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                           expirySentAsTheLedger(), org.axonframework.test.matchers.Matchers.andNoMore()));
        }

        private org.hamcrest.Matcher<Object> expirySentAsTheLedger() {
            return new org.hamcrest.CustomTypeSafeMatcher<>("the expiry, sent as " + TransferProcess.REVIEW_EXPIRY_PRINCIPAL) {
                @Override
                protected boolean matchesSafely(Object item) {
                    return item instanceof org.axonframework.commandhandling.CommandMessage<?> command
                            && new ExpireTransferReviewCommand(TRANSFER).equals(command.getPayload())
                            && TransferProcess.REVIEW_EXPIRY_PRINCIPAL.equals(command.getMetaData().get("principal"))
                            && TransferProcess.REVIEW_EXPIRY_PRINCIPAL.equals(command.getMetaData().get("clientId"));
                }
            };
        }

        @Test
        void shouldSendTheExpiryAndArmARetryWhenTheTimeoutElapses() throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .whenTimeElapses(REVIEW_TIMEOUT)
                   .expectTriggeredDeadlinesWithName(TransferProcess.REVIEW_DEADLINE)
                   .expectDispatchedCommands(new ExpireTransferReviewCommand(TRANSFER))
                   .expectScheduledDeadlineWithName(Duration.ofSeconds(10), TransferProcess.REVIEW_DEADLINE)
                   .expectActiveSagas(1);
        }

        @Test
        void shouldResendTheExpiryAndDoubleTheWaitWhileTheHoldStaysOpen() throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .andThenTimeElapses(REVIEW_TIMEOUT)
                   .andThenTimeElapses(Duration.ofSeconds(10))
                   .whenTimeElapses(Duration.ofSeconds(20))
                   .expectDispatchedCommands(new ExpireTransferReviewCommand(TRANSFER))
                   .expectScheduledDeadlineWithName(Duration.ofSeconds(40), TransferProcess.REVIEW_DEADLINE);
        }

        @Test
        void shouldCapTheWaitBetweenRetriesAtMaxBackoff() throws Exception {
            var given = fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced()).andThenTimeElapses(REVIEW_TIMEOUT);
            for (long seconds : new long[] {10, 20, 40, 80, 160}) {
                given = given.andThenTimeElapses(Duration.ofSeconds(seconds));
            }
            // 10 s · 2^5 = 320 s is beyond the 300 s cap
            given.whenTimeElapses(Duration.ofMinutes(5))
                 .expectDispatchedCommands(new ExpireTransferReviewCommand(TRANSFER))
                 .expectScheduledDeadlineWithName(Duration.ofMinutes(5), TransferProcess.REVIEW_DEADLINE);
        }

        @Test
        void shouldNeverExpireAReviewThatWasDecided() throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .andThenAPublished(captured())
                   .whenTimeElapses(REVIEW_TIMEOUT.multipliedBy(2))
                   .expectTriggeredDeadlines()
                   .expectNoDispatchedCommands();
        }
    }

    /** The retry with the process's own jitter drawn from ThreadLocalRandom: bounds hold for any draw. */
    @Nested
    class WithRealJitter {

        @BeforeEach
        void useTheRealSettings() {
            fixture = new SagaTestFixture<>(TransferProcess.class);
            fixture.registerResource(SETTINGS);
            fixture.registerResource(screening());
        }

        @Test
        void shouldNotRetryBeforeEightyPercentOfTheStepTimeout() throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .andThenTimeElapses(REVIEW_TIMEOUT)
                   .whenTimeElapses(Duration.ofMillis(7_999))
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void shouldRetryNoLaterThanTheStepTimeout() throws Exception {
            fixture.givenCurrentTime(PLACED_AT).andThenAPublished(holdPlaced())
                   .andThenTimeElapses(REVIEW_TIMEOUT)
                   .whenTimeElapses(Duration.ofSeconds(10))
                   .expectDispatchedCommands(new ExpireTransferReviewCommand(TRANSFER));
        }
    }

    private static ScreeningPolicy screening() {
        return ScreeningPolicies.of(ScreeningRules.bound(Map.of("review-timeout", REVIEW_TIMEOUT.toString())),
                                    mock(TransferDirectory.class), Clock.systemUTC());
    }

    private static HoldPlacedEvent holdPlaced() {
        return new HoldPlacedEvent(SOURCE, HOLD, TRANSFER, AMOUNT, AMOUNT.amount());
    }

    private static HoldCapturedEvent captured() {
        return new HoldCapturedEvent(SOURCE, HOLD, TRANSFER, TRANSFER + ":debit", AMOUNT, 0, 0, "transit:EUR");
    }

    private static HoldReleasedEvent released(String reason) {
        return new HoldReleasedEvent(SOURCE, HOLD, TRANSFER, AMOUNT, 0, reason);
    }
}
