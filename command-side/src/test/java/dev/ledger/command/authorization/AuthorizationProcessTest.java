package dev.ledger.command.authorization;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.ledger.api.Money;
import dev.ledger.api.authorization.AuthorizationCapturedEvent;
import dev.ledger.api.authorization.AuthorizationExpiredEvent;
import dev.ledger.api.authorization.AuthorizationPlacedEvent;
import dev.ledger.api.authorization.AuthorizationVoidedEvent;
import dev.ledger.api.authorization.ExpireAuthorizationCommand;
import dev.ledger.command.transfer.TransferSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.matchers.Matchers;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expiry process: it lives from the placement to the authorization's close, arms its deadline at the
 * authorization's own {@code expiresAt}, and only ever sends the expiry, whose repeats the booking ignores.
 */
class AuthorizationProcessTest {

    private static final String AUTH = "auth-1";
    private static final Instant PLACED_AT = Instant.parse("2026-03-14T12:00:00Z");
    private static final Instant EXPIRES_AT = PLACED_AT.plus(Duration.ofHours(2));
    private static final Money AMOUNT = new Money(5_000, "EUR");
    private static final TransferSettings SETTINGS = new TransferSettings(Duration.ofSeconds(10),
                                                                          Duration.ofMinutes(5));

    private SagaTestFixture<AuthorizationProcess> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AuthorizationProcess.class);
        TransferSettings withoutJitter = spy(SETTINGS);
        doAnswer(call -> Duration.ofSeconds(10L << Math.min(call.<Integer>getArgument(0), 4)))
                .when(withoutJitter).backoff(anyInt(), any());
        fixture.registerResource(withoutJitter);
        fixture.setCallbackBehavior((payload, metaData) -> null);
    }

    @Test
    void shouldStartOnThePlacementAndScheduleTheExpiryAtExpiresAt() throws Exception {
        fixture.givenCurrentTime(PLACED_AT)
               .whenPublishingA(placed())
               .expectActiveSagas(1)
               .expectAssociationWith(AuthorizationProcess.AUTHORIZATION_ID, AUTH)
               .expectScheduledDeadlineWithName(EXPIRES_AT, AuthorizationProcess.EXPIRY_DEADLINE)
               .expectNoDispatchedCommands();
    }

    @Test
    void shouldStayThroughAPartialCapture() throws Exception {
        fixture.givenCurrentTime(PLACED_AT).andThenAPublished(placed())
               .whenPublishingA(captured("cap-1", 2_000, 3_000))
               .expectActiveSagas(1)
               .expectScheduledDeadlineWithName(EXPIRES_AT, AuthorizationProcess.EXPIRY_DEADLINE);
    }

    @Test
    void shouldEndWithTheCaptureThatLeavesNothing() throws Exception {
        fixture.givenCurrentTime(PLACED_AT).andThenAPublished(placed())
               .andThenAPublished(captured("cap-1", 2_000, 3_000))
               .whenPublishingA(captured("cap-2", 3_000, 0))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    @Test
    void shouldEndAndCancelTheExpiryOnVoid() throws Exception {
        fixture.givenCurrentTime(PLACED_AT).andThenAPublished(placed())
               .whenPublishingA(new AuthorizationVoidedEvent(AUTH, "acc-src", AMOUNT, "holder-1"))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void shouldNotExpireBeforeExpiresAt() throws Exception {
        fixture.givenCurrentTime(PLACED_AT).andThenAPublished(placed())
               .whenTimeElapses(Duration.ofHours(2).minusSeconds(1))
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    @Test
    void shouldSendTheExpiryAsTheLedgerAndArmARetry() throws Exception {
        fixture.givenCurrentTime(PLACED_AT)
               .andThenAPublished(GenericEventMessage.asEventMessage(placed())
                                                     .andMetaData(Map.of("principal", "holder-1",
                                                                         "clientId", "app-1")))
               .whenTimeElapses(Duration.ofHours(2))
               .expectDispatchedCommandsMatching(Matchers.exactSequenceOf(expirySentAsTheLedger(),
                                                                          Matchers.andNoMore()))
               .expectScheduledDeadlineWithName(Duration.ofSeconds(10), AuthorizationProcess.EXPIRY_DEADLINE)
               .expectActiveSagas(1);
    }

    @Test
    void shouldResendTheExpiryWhileItHasNotSettled() throws Exception {
        fixture.givenCurrentTime(PLACED_AT).andThenAPublished(placed())
               .andThenTimeElapses(Duration.ofHours(2))
               .whenTimeElapses(Duration.ofSeconds(10))
               .expectDispatchedCommands(new ExpireAuthorizationCommand(AUTH))
               .expectScheduledDeadlineWithName(Duration.ofSeconds(20), AuthorizationProcess.EXPIRY_DEADLINE);
    }

    @Test
    void shouldEndAndCancelTheRetryOnceExpired() throws Exception {
        fixture.givenCurrentTime(PLACED_AT).andThenAPublished(placed())
               .andThenTimeElapses(Duration.ofHours(2))
               .whenPublishingA(new AuthorizationExpiredEvent(AUTH, "acc-src", AMOUNT))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    private static AuthorizationPlacedEvent placed() {
        return new AuthorizationPlacedEvent(AUTH, "acc-src", AMOUNT, "acc-shop", EXPIRES_AT, null, "holder-1",
                                            "holder-1");
    }

    private static AuthorizationCapturedEvent captured(String captureId, long amount, long remaining) {
        return new AuthorizationCapturedEvent(AUTH, captureId, "acc-src", "acc-shop", new Money(amount, "EUR"),
                                              5_000 - remaining, remaining, "holder-1");
    }

    private static Matcher<Object> expirySentAsTheLedger() {
        return new CustomTypeSafeMatcher<>("the expiry, sent as " + AuthorizationProcess.EXPIRY_PRINCIPAL) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof CommandMessage<?> command
                        && new ExpireAuthorizationCommand(AUTH).equals(command.getPayload())
                        && AuthorizationProcess.EXPIRY_PRINCIPAL.equals(command.getMetaData().get("principal"))
                        && AuthorizationProcess.EXPIRY_PRINCIPAL.equals(command.getMetaData().get("clientId"));
            }
        };
    }
}
