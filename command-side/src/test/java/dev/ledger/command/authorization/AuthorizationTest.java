package dev.ledger.command.authorization;

import static dev.ledger.command.authorization.AuthorizationLedger.DENIED_ACCOUNT;
import static dev.ledger.command.authorization.AuthorizationLedger.REVIEW_THRESHOLD;
import static dev.ledger.command.authorization.AuthorizationLedger.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.account.AuthorizedFundsCapturedEvent;
import dev.ledger.api.account.AuthorizedFundsCreditedEvent;
import dev.ledger.api.account.AuthorizedFundsReleasedEvent;
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.FundsAuthorizedEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.api.authorization.AuthorizationCapturedEvent;
import dev.ledger.api.authorization.AuthorizationExpiredEvent;
import dev.ledger.api.authorization.AuthorizationPlacedEvent;
import dev.ledger.api.authorization.AuthorizationStatus;
import dev.ledger.api.authorization.AuthorizationVoidedEvent;
import dev.ledger.api.authorization.CaptureAuthorizationCommand;
import dev.ledger.api.authorization.ExpireAuthorizationCommand;
import dev.ledger.api.authorization.PlaceAuthorizationCommand;
import dev.ledger.api.authorization.VoidAuthorizationCommand;
import dev.ledger.command.LedgerRuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandResultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An authorization as {@link AuthorizationBooking} books it: the authorization and its account(s) in one unit of
 * work. Each test checks what each command committed, and after every one the books (derived from the events
 * alone) must sum to zero with the transit account empty.
 */
class AuthorizationTest {

    private static final String AUTH = "auth-1";
    private static final String SOURCE = "acc-src";
    private static final String SHOP = "acc-shop";
    private static final String SHOP_2 = "acc-shop-2";
    private static final String HOLDER = "holder-1";
    private static final String OTHER_HOLDER = "holder-2";
    private static final String TRANSIT = "transit:EUR";
    private static final long FUNDS = 10_000;
    private static final Instant EXPIRES_AT = START.plus(Duration.ofDays(7));

    private AuthorizationLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = new AuthorizationLedger();
        open(SOURCE, "EUR", HOLDER);
        open(SHOP, "EUR", "merchant");
        open(SHOP_2, "EUR", "merchant");
        open(DENIED_ACCOUNT, "EUR", "merchant");
        open("acc-usd", "USD", "merchant");
        ledger.sendAndExpectSuccess(new DepositMoneyCommand(SOURCE, "dep-1", eur(FUNDS)));
    }

    @AfterEach
    void tearDown() {
        assertThat(ledger.sum()).as("the ledger sums to zero").isZero();
        assertThat(ledger.balance(TRANSIT)).as("the transit account is empty between commits").isZero();
        ledger.close();
    }

    @Nested
    class Placing {

        @Test
        void shouldReserveTheAmountWithoutMovingTheBalanceInOneCommit() {
            List<List<Object>> commits = whenSent(place(eur(3_000)));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    new AuthorizationPlacedEvent(AUTH, SOURCE, eur(3_000), SHOP, EXPIRES_AT, "order 7", HOLDER,
                                                 HOLDER),
                    new FundsAuthorizedEvent(SOURCE, AUTH, eur(3_000), 3_000));
            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS);
            assertThat(ledger.held(SOURCE)).isEqualTo(3_000);
        }

        @Test
        void shouldAnswerWithTheVersionStatusAndRemainingAmount() {
            assertThat(ledger.sendAndExpectSuccess(place(eur(3_000))))
                    .isEqualTo(new AuthorizationOutcome(0, AuthorizationStatus.OPEN, 3_000));
        }

        @Test
        void shouldCountTheReservationAgainstLaterDebits() {
            ledger.sendAndExpectSuccess(place(eur(6_000)));

            CommandResultMessage<?> withdrawal = ledger.send(new WithdrawMoneyCommand(SOURCE, "wd-1", eur(4_001)));

            expectRefused(withdrawal, ErrorCode.INSUFFICIENT_FUNDS);
            expectRefused(ledger.send(placeAs("auth-2", eur(4_001))), ErrorCode.INSUFFICIENT_FUNDS);
            ledger.sendAndExpectSuccess(placeAs("auth-3", eur(4_000)));
            assertThat(ledger.held(SOURCE)).isEqualTo(FUNDS);
        }

        @Test
        void shouldDeclineWhatScreeningWouldSendToReviewWithNothingWritten() {
            ledger.sendAndExpectSuccess(new DepositMoneyCommand(SOURCE, "dep-2", eur(REVIEW_THRESHOLD)));
            int before = ledger.commits().size();

            expectRefused(ledger.send(place(eur(REVIEW_THRESHOLD))), ErrorCode.AUTHORIZATION_DECLINED);
            assertThat(ledger.commitsSince(before)).isEmpty();
        }

        @Test
        void shouldDeclineADeniedDestination() {
            expectRefused(ledger.send(new PlaceAuthorizationCommand(AUTH, SOURCE, eur(100), DENIED_ACCOUNT,
                                                                    EXPIRES_AT, null, HOLDER)),
                          ErrorCode.AUTHORIZATION_DECLINED);
        }

        @Test
        void shouldAnswerAnotherOwnersAccountAsAnUnknownOne() {
            expectRefused(ledger.send(new PlaceAuthorizationCommand(AUTH, SOURCE, eur(100), SHOP, EXPIRES_AT, null,
                                                                    OTHER_HOLDER)),
                          ErrorCode.ACCOUNT_NOT_FOUND);
            expectRefused(ledger.send(new PlaceAuthorizationCommand(AUTH, "acc-nope", eur(100), SHOP, EXPIRES_AT,
                                                                    null, HOLDER)),
                          ErrorCode.ACCOUNT_NOT_FOUND);
        }

        @Test
        void shouldRefuseAnotherCurrencyAFrozenAccountAndAnAccountsId() {
            expectRefused(ledger.send(place(new Money(100, "USD"))), ErrorCode.CURRENCY_MISMATCH);
            expectRefused(ledger.send(new PlaceAuthorizationCommand(AUTH, SOURCE, eur(100), "acc-usd", EXPIRES_AT,
                                                                    null, HOLDER)),
                          ErrorCode.CURRENCY_MISMATCH);
            expectRefused(ledger.send(placeAs(SHOP, eur(100))), ErrorCode.AUTHORIZATION_ID_CONFLICT);
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SOURCE, "aml", null));
            expectRefused(ledger.send(place(eur(100))), ErrorCode.ACCOUNT_NOT_OPEN);
        }

        @Test
        void shouldAnswerTheSameIdAndContentWithTheFirstResultAndRefuseOtherContent() {
            ledger.sendAndExpectSuccess(place(eur(3_000)));
            int before = ledger.commits().size();

            Object again = ledger.sendAndExpectSuccess(place(eur(3_000)));

            assertThat(again).isEqualTo(new AuthorizationOutcome(0, AuthorizationStatus.OPEN, 3_000));
            assertThat(ledger.commitsSince(before)).isEmpty();
            expectRefused(ledger.send(place(eur(3_001))), ErrorCode.AUTHORIZATION_ID_CONFLICT);
            assertThat(ledger.held(SOURCE)).isEqualTo(3_000);
        }

        @Test
        void shouldKeepTheAccountFromClosingWhileAnAuthorizationIsOpen() {
            ledger.sendAndExpectSuccess(new OpenAccountCommand("acc-od", "EUR", 500, null, HOLDER));
            ledger.sendAndExpectSuccess(new PlaceAuthorizationCommand(AUTH, "acc-od", eur(100), SHOP, EXPIRES_AT,
                                                                      null, HOLDER));

            expectRefused(ledger.send(new CloseAccountCommand("acc-od", "done", null)), ErrorCode.ACCOUNT_NOT_EMPTY);

            ledger.sendAndExpectSuccess(new VoidAuthorizationCommand(AUTH, HOLDER));
            ledger.sendAndExpectSuccess(new CloseAccountCommand("acc-od", "done", null));
        }
    }

    @Nested
    class Capturing {

        @BeforeEach
        void placed() {
            ledger.sendAndExpectSuccess(place(eur(5_000)));
        }

        @Test
        void shouldPostEachPartialCaptureAsADebitAndACreditInOneCommit() {
            List<List<Object>> commits = whenSent(capture("cap-1", 2_000, null));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    new AuthorizationCapturedEvent(AUTH, "cap-1", SOURCE, SHOP, eur(2_000), 2_000, 3_000, HOLDER),
                    new AuthorizedFundsCapturedEvent(SOURCE, AUTH, "cap-1", AUTH + "/cap-1:debit", eur(2_000),
                                                     FUNDS - 2_000, 3_000, TRANSIT),
                    new AuthorizedFundsCreditedEvent(SHOP, AUTH, "cap-1", AUTH + "/cap-1:credit", eur(2_000), 2_000,
                                                     TRANSIT));
        }

        @Test
        void shouldCaptureInPartsToItsDestinationAndCloseWhenNothingRemains() {
            ledger.sendAndExpectSuccess(capture("cap-1", 2_000, null));
            Object last = ledger.sendAndExpectSuccess(capture("cap-2", 3_000, SHOP));

            assertThat(last).isEqualTo(new AuthorizationOutcome(2, AuthorizationStatus.CAPTURED, 0));
            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS - 5_000);
            assertThat(ledger.held(SOURCE)).isZero();
            assertThat(ledger.balance(SHOP)).isEqualTo(5_000);
            expectRefused(ledger.send(capture("cap-3", 1, null)), ErrorCode.AUTHORIZATION_NOT_OPEN);
        }

        /** The payer authorized paying SHOP, and screening judged that: neither holder nor treasury redirects it. */
        @Test
        void shouldRefuseACaptureToAnotherDestinationThanTheAuthorizedOneWithNothingWritten() {
            int before = ledger.commits().size();

            expectRefused(ledger.send(capture("cap-1", 2_000, SHOP_2)), ErrorCode.CAPTURE_DESTINATION_MISMATCH);
            expectRefused(ledger.send(new CaptureAuthorizationCommand(AUTH, "cap-1", 2_000, SHOP_2, "treasury-1",
                                                                      true)),
                          ErrorCode.CAPTURE_DESTINATION_MISMATCH);

            assertThat(ledger.commitsSince(before)).isEmpty();
            assertThat(ledger.balance(SHOP_2)).isZero();
        }

        @Test
        void shouldCaptureAnAuthorizationWithoutADestinationToTwoDestinations() {
            ledger.sendAndExpectSuccess(new PlaceAuthorizationCommand("auth-any", SOURCE, eur(3_000), null,
                                                                      EXPIRES_AT, null, HOLDER));

            ledger.sendAndExpectSuccess(captureOf("auth-any", "c1", 1_000, SHOP));
            Object last = ledger.sendAndExpectSuccess(captureOf("auth-any", "c2", 2_000, SHOP_2));

            assertThat(last).isEqualTo(new AuthorizationOutcome(2, AuthorizationStatus.CAPTURED, 0));
            assertThat(ledger.balance(SHOP)).isEqualTo(1_000);
            assertThat(ledger.balance(SHOP_2)).isEqualTo(2_000);
        }

        @Test
        void shouldRefuseACaptureBeyondWhatRemainsWithNothingWritten() {
            ledger.sendAndExpectSuccess(capture("cap-1", 2_000, null));
            int before = ledger.commits().size();

            expectRefused(ledger.send(capture("cap-2", 3_001, null)), ErrorCode.CAPTURE_EXCEEDS_AUTHORIZATION);

            assertThat(ledger.commitsSince(before)).isEmpty();
            assertThat(ledger.held(SOURCE)).isEqualTo(3_000);
        }

        @Test
        void shouldRefuseACaptureAtItsExpiryEvenBeforeTheDeadlineFired() {
            ledger.advance(Duration.ofDays(7));
            int before = ledger.commits().size();

            expectRefused(ledger.send(capture("cap-1", 1, null)), ErrorCode.AUTHORIZATION_NOT_OPEN);

            assertThat(ledger.commitsSince(before)).isEmpty();
        }

        @Test
        void shouldCaptureJustBeforeTheExpiry() {
            ledger.advance(Duration.ofDays(7).minusMillis(1));

            ledger.sendAndExpectSuccess(capture("cap-1", 1, null));
        }

        @Test
        void shouldNeedADestinationAndRefuseDeniedOrForeignOnes() {
            ledger.sendAndExpectSuccess(new PlaceAuthorizationCommand("auth-nodest", SOURCE, eur(100), null,
                                                                      EXPIRES_AT, null, HOLDER));

            expectRefused(ledger.send(new CaptureAuthorizationCommand("auth-nodest", "c", 1, null, HOLDER, false)),
                          ErrorCode.VALIDATION_FAILED);
            expectRefused(ledger.send(captureOf("auth-nodest", "c", 1, DENIED_ACCOUNT)),
                          ErrorCode.AUTHORIZATION_DECLINED);
            expectRefused(ledger.send(captureOf("auth-nodest", "c", 1, "acc-usd")), ErrorCode.CURRENCY_MISMATCH);
            expectRefused(ledger.send(captureOf("auth-nodest", "c", 1, "acc-nope")), ErrorCode.UNKNOWN_ACCOUNT);
            expectRefused(ledger.send(captureOf("auth-nodest", "c", 1, SOURCE)), ErrorCode.SAME_ACCOUNT);
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SHOP, "aml", null));
            expectRefused(ledger.send(capture("c", 1, null)), ErrorCode.ACCOUNT_NOT_OPEN);
        }

        @Test
        void shouldAnswerTheSameCaptureIdAndContentWithTheFirstResultAndRefuseOtherContent() {
            ledger.sendAndExpectSuccess(capture("cap-1", 2_000, null));
            int before = ledger.commits().size();

            Object again = ledger.sendAndExpectSuccess(capture("cap-1", 2_000, null));

            assertThat(again).isEqualTo(new AuthorizationOutcome(1, AuthorizationStatus.OPEN, 3_000));
            assertThat(ledger.commitsSince(before)).isEmpty();
            expectRefused(ledger.send(capture("cap-1", 2_001, null)), ErrorCode.CAPTURE_ID_CONFLICT);
            expectRefused(ledger.send(capture("cap-1", 2_000, SHOP_2)), ErrorCode.CAPTURE_DESTINATION_MISMATCH);
            assertThat(ledger.balance(SHOP)).isEqualTo(2_000);
        }

        @Test
        void shouldLetTreasuryCaptureAndAnswerAnotherHolderAsForAnUnknownAuthorization() {
            expectRefused(ledger.send(new CaptureAuthorizationCommand(AUTH, "c", 1, null, OTHER_HOLDER, false)),
                          ErrorCode.AUTHORIZATION_NOT_FOUND);
            expectRefused(ledger.send(new CaptureAuthorizationCommand("auth-nope", "c", 1, null, HOLDER, false)),
                          ErrorCode.AUTHORIZATION_NOT_FOUND);
            expectRefused(ledger.send(new CaptureAuthorizationCommand(SHOP, "c", 1, null, HOLDER, false)),
                          ErrorCode.AUTHORIZATION_NOT_FOUND);

            ledger.sendAndExpectSuccess(new CaptureAuthorizationCommand(AUTH, "c", 1, null, "treasurer", true));

            assertThat(ledger.balance(SHOP)).isEqualTo(1);
        }

        @Test
        void shouldSettleTheReservationOfAFrozenAccount() {
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SOURCE, "aml", null));

            ledger.sendAndExpectSuccess(capture("cap-1", 2_000, null));

            assertThat(ledger.balance(SHOP)).isEqualTo(2_000);
        }
    }

    @Nested
    class VoidingAndExpiring {

        @BeforeEach
        void placedAndPartlyCaptured() {
            ledger.sendAndExpectSuccess(place(eur(5_000)));
            ledger.sendAndExpectSuccess(capture("cap-1", 2_000, null));
        }

        @Test
        void shouldReleaseWhatRemainsOnVoidInOneCommit() {
            List<List<Object>> commits = whenSent(new VoidAuthorizationCommand(AUTH, HOLDER));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    new AuthorizationVoidedEvent(AUTH, SOURCE, eur(3_000), HOLDER),
                    new AuthorizedFundsReleasedEvent(SOURCE, AUTH, eur(3_000), 0, "VOIDED"));
            assertThat(ledger.held(SOURCE)).isZero();
            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS - 2_000);
        }

        @Test
        void shouldAnswerARepeatedVoidWithoutWritingAndRefuseCapturesAfterIt() {
            ledger.sendAndExpectSuccess(new VoidAuthorizationCommand(AUTH, HOLDER));
            int before = ledger.commits().size();

            Object again = ledger.sendAndExpectSuccess(new VoidAuthorizationCommand(AUTH, HOLDER));

            assertThat(again).isEqualTo(new AuthorizationOutcome(2, AuthorizationStatus.VOIDED, 0));
            assertThat(ledger.commitsSince(before)).isEmpty();
            expectRefused(ledger.send(capture("cap-2", 1, null)), ErrorCode.AUTHORIZATION_NOT_OPEN);
        }

        @Test
        void shouldLetOnlyItsHolderVoidIt() {
            expectRefused(ledger.send(new VoidAuthorizationCommand(AUTH, OTHER_HOLDER)),
                          ErrorCode.AUTHORIZATION_NOT_FOUND);
        }

        @Test
        void shouldReleaseWhatRemainsOnExpiry() {
            ledger.advance(Duration.ofDays(7));

            List<List<Object>> commits = whenSent(new ExpireAuthorizationCommand(AUTH));

            assertThat(commits.get(0)).containsExactly(
                    new AuthorizationExpiredEvent(AUTH, SOURCE, eur(3_000)),
                    new AuthorizedFundsReleasedEvent(SOURCE, AUTH, eur(3_000), 0, "EXPIRED"));
            assertThat(ledger.held(SOURCE)).isZero();
            expectRefused(ledger.send(new VoidAuthorizationCommand(AUTH, HOLDER)), ErrorCode.AUTHORIZATION_NOT_OPEN);
        }

        @Test
        void shouldIgnoreARepeatedExpiryAndAnExpiryAfterTheVoid() {
            ledger.sendAndExpectSuccess(new VoidAuthorizationCommand(AUTH, HOLDER));
            int before = ledger.commits().size();

            ledger.sendAndExpectSuccess(new ExpireAuthorizationCommand(AUTH));
            ledger.sendAndExpectSuccess(new ExpireAuthorizationCommand(AUTH));

            assertThat(ledger.commitsSince(before)).isEmpty();
            assertThat(ledger.held(SOURCE)).isZero();
        }

        @Test
        void shouldIgnoreAnExpiryAfterAFullCapture() {
            ledger.sendAndExpectSuccess(capture("cap-2", 3_000, null));
            int before = ledger.commits().size();

            ledger.sendAndExpectSuccess(new ExpireAuthorizationCommand(AUTH));

            assertThat(ledger.commitsSince(before)).isEmpty();
            assertThat(ledger.balance(SHOP)).isEqualTo(5_000);
        }
    }

    private List<List<Object>> whenSent(Object command) {
        int before = ledger.commits().size();
        ledger.sendAndExpectSuccess(command);
        return ledger.commitsSince(before);
    }

    private static void expectRefused(CommandResultMessage<?> result, ErrorCode code) {
        assertThat(result.isExceptional()).as("refused").isTrue();
        assertThat(result.exceptionResult()).isInstanceOfSatisfying(
                LedgerRuleViolation.class, violation -> assertThat(violation.code()).isEqualTo(code));
    }

    private void open(String accountId, String currency, String owner) {
        ledger.sendAndExpectSuccess(new OpenAccountCommand(accountId, currency, 0, "ref-" + accountId, owner));
    }

    private static PlaceAuthorizationCommand place(Money amount) {
        return placeAs(AUTH, amount);
    }

    private static PlaceAuthorizationCommand placeAs(String id, Money amount) {
        return new PlaceAuthorizationCommand(id, SOURCE, amount, SHOP, EXPIRES_AT, "order 7", HOLDER);
    }

    private static CaptureAuthorizationCommand capture(String captureId, long amount, String destination) {
        return captureOf(AUTH, captureId, amount, destination);
    }

    private static CaptureAuthorizationCommand captureOf(String authorizationId, String captureId, long amount,
                                                         String destination) {
        return new CaptureAuthorizationCommand(authorizationId, captureId, amount, destination, HOLDER, false);
    }

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }
}
