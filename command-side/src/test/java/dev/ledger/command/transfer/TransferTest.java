package dev.ledger.command.transfer;

import static dev.ledger.command.transfer.TransferLedger.DENIED_ACCOUNT;
import static dev.ledger.command.transfer.TransferLedger.REVIEW_THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.api.transfer.ExpireTransferReviewCommand;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transfer as {@link TransferBooking} books it: the transfer and both accounts in one unit of work. Every test
 * checks what each command committed, batch by batch, so "one request, one commit" is asserted, not assumed.
 */
class TransferTest {

    private static final String TRANSFER = "tr-1";
    private static final String SOURCE = "acc-src";
    private static final String DESTINATION = "acc-dst";
    private static final String USD_ACCOUNT = "acc-usd";
    private static final String TRANSIT = "transit:EUR";
    private static final String HOLD = TRANSFER + ":hold";
    private static final String DEBIT = TRANSFER + ":debit";
    private static final String CREDIT = TRANSFER + ":credit";
    private static final long FUNDS = 2_000_000;

    private TransferLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = new TransferLedger();
        open(SOURCE, "EUR", 0);
        open(DESTINATION, "EUR", 0);
        open(DENIED_ACCOUNT, "EUR", 0);
        open(USD_ACCOUNT, "USD", 0);
        ledger.sendAndExpectSuccess(new DepositMoneyCommand(SOURCE, "dep-1", eur(FUNDS)));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Nested
    class APassedTransfer {

        @Test
        void shouldRequestScreenDebitCreditAndCompleteInOneCommit() {
            List<List<Object>> commits = whenSent(request(eur(500)));

            assertThat(commits).as("one commit").hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    requested(eur(500)),
                    new TransferScreenedEvent(TRANSFER, ScreeningDecision.PASSED, List.of()),
                    new TransferDebitedEvent(SOURCE, TRANSFER, DEBIT, eur(500), FUNDS - 500, TRANSIT),
                    new TransferCreditedEvent(DESTINATION, TRANSFER, CREDIT, eur(500), 500, TRANSIT),
                    new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION, eur(500)));
        }

        @Test
        void shouldMoveTheBalancesAndLeaveTheTransitAccountEmpty() {
            whenSent(request(eur(500)));

            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS - 500);
            assertThat(ledger.balance(DESTINATION)).isEqualTo(500);
            assertThat(ledger.balance(TRANSIT)).isZero();
        }

        @Test
        void shouldAnswerWithTheTransfersVersionAfterTheCommit() {
            // requested = 0, screened = 1, completed = 2
            assertThat(ledger.sendAndExpectSuccess(request(eur(500)))).isEqualTo(2L);
        }

        @Test
        void shouldPayOutExactlyTheAvailableAmountIncludingTheOverdraft() {
            open("acc-od", "EUR", 300);
            ledger.sendAndExpectSuccess(new DepositMoneyCommand("acc-od", "dep-od", eur(200)));

            List<List<Object>> commits = whenSent(new RequestTransferCommand(TRANSFER, "acc-od", DESTINATION,
                                                                             eur(500), null, "holder-1"));

            assertThat(commits.get(0)).contains(new TransferDebitedEvent("acc-od", TRANSFER, DEBIT, eur(500), -300,
                                                                         TRANSIT));
            assertThat(ledger.balance("acc-od")).isEqualTo(-300);
        }

        @Test
        void shouldTakeTheDestinationOutOfAnOverdraft() {
            open("acc-od", "EUR", 300);
            ledger.sendAndExpectSuccess(new WithdrawMoneyCommand("acc-od", "wd-od", eur(300)));

            whenSent(request(SOURCE, "acc-od", eur(500)));

            assertThat(ledger.balance("acc-od")).isEqualTo(200);
        }

        @Test
        void shouldRejectAnyFurtherTransferWithTheSameIdWithoutStoringAnythingOfIt() {
            whenSent(request(eur(500)));
            int before = ledger.commits().size();

            CommandResultMessage<?> second = ledger.send(request(eur(700)));

            assertThat(second.exceptionResult()).isInstanceOf(AggregateStreamCreationException.class);
            assertThat(ledger.commitsSince(before)).as("nothing of the second request committed").isEmpty();
            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS - 500);
            assertThat(ledger.balance(DESTINATION)).isEqualTo(500);
            // the accounts are not left holding the rolled-back legs: the next transfer sees the stored balances
            whenSent(new RequestTransferCommand("tr-2", SOURCE, DESTINATION, eur(100), null, "holder-1"));
            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS - 600);
            assertThat(ledger.balance(DESTINATION)).isEqualTo(600);
        }
    }

    @Nested
    class ARefusedTransfer {

        @Test
        void shouldRejectATransferTheSourceCannotCoverWithNothingMoved() {
            open("acc-small", "EUR", 0);
            ledger.sendAndExpectSuccess(new DepositMoneyCommand("acc-small", "dep-s", eur(1_000)));

            expectRejected(new RequestTransferCommand(TRANSFER, "acc-small", DESTINATION, eur(1_001), null, "holder-1"),
                           RejectionReason.INSUFFICIENT_FUNDS, "source acc-small refused");
            assertThat(ledger.balance("acc-small")).isEqualTo(1_000);
        }

        @Test
        void shouldRejectATransferOneMinorUnitBeyondTheAvailableAmount() {
            open("acc-poor", "EUR", 300);
            ledger.sendAndExpectSuccess(new DepositMoneyCommand("acc-poor", "dep-p", eur(200)));

            expectRejected(new RequestTransferCommand(TRANSFER, "acc-poor", DESTINATION, eur(501), null, "holder-1"),
                           RejectionReason.INSUFFICIENT_FUNDS, "source acc-poor refused");
            assertThat(ledger.balance("acc-poor")).isEqualTo(200);
        }

        @Test
        void shouldCountAReviewsHoldAgainstLaterTransfers() {
            ledger.sendAndExpectSuccess(new WithdrawMoneyCommand(SOURCE, "wd-1", eur(500_000)));
            ledger.sendAndExpectSuccess(new RequestTransferCommand("tr-big", SOURCE, DESTINATION,
                                                                   eur(REVIEW_THRESHOLD), null, "holder-1"));

            // 1,500,000 on the account, 1,000,000 of it held: 500,000 are available
            expectRejected(request(eur(500_001)), RejectionReason.INSUFFICIENT_FUNDS, "source acc-src refused");
        }

        @Test
        void shouldRejectATransferFromAFrozenSource() {
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SOURCE, "aml", null));

            expectRejected(request(eur(500)), RejectionReason.ACCOUNT_FROZEN, "source acc-src refused");
        }

        @Test
        void shouldRejectATransferToAFrozenDestination() {
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(DESTINATION, "aml", null));

            expectRejected(request(eur(500)), RejectionReason.ACCOUNT_FROZEN, "destination acc-dst refused");
        }

        @Test
        void shouldRejectATransferFromAClosedSource() {
            open("acc-closed", "EUR", 1_000);
            ledger.sendAndExpectSuccess(new CloseAccountCommand("acc-closed", "left", null));

            // closed comes before funds: the overdraft would have covered the amount
            expectRejected(new RequestTransferCommand(TRANSFER, "acc-closed", DESTINATION, eur(500), null, "holder-1"),
                           RejectionReason.ACCOUNT_CLOSED, "source acc-closed refused");
        }

        @Test
        void shouldRejectATransferToAClosedDestination() {
            open("acc-closed", "EUR", 0);
            ledger.sendAndExpectSuccess(new CloseAccountCommand("acc-closed", "left", null));

            expectRejected(request(SOURCE, "acc-closed", eur(500)), RejectionReason.ACCOUNT_CLOSED,
                           "destination acc-closed refused");
        }

        @Test
        void shouldNameTheSourceWhenBothAccountsRefuse() {
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SOURCE, "aml", null));
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(DESTINATION, "aml", null));

            expectRejected(request(eur(500)), RejectionReason.ACCOUNT_FROZEN, "source acc-src refused");
        }

        @Test
        void shouldRejectATransferWhoseCreditWouldOverflowTheDestination() {
            // a balance this large cannot be reached by deposits of at most MAX_OPERATION_AMOUNT in a test's time
            storeAccountHistory("acc-full", new AccountOpenedEvent("acc-full", "EUR", 0, null, "holder-1"),
                                new MoneyDepositedEvent("acc-full", "dep-full", eur(1),
                                                                               Long.MAX_VALUE - 499, "world:EUR"));

            List<List<Object>> commits = whenSent(request(SOURCE, "acc-full", eur(500)));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    requested(SOURCE, "acc-full", eur(500)),
                    new TransferScreenedEvent(TRANSFER, ScreeningDecision.PASSED, List.of()),
                    new TransferRejectedEvent(TRANSFER, RejectionReason.BALANCE_OVERFLOW,
                                              "destination acc-full refused"));
        }

        @Test
        void shouldCreditUpToTheLargestRepresentableBalance() {
            storeAccountHistory("acc-full", new AccountOpenedEvent("acc-full", "EUR", 0, null, "holder-1"),
                                new MoneyDepositedEvent("acc-full", "dep-full", eur(1),
                                                                               Long.MAX_VALUE - 500, "world:EUR"));

            List<List<Object>> commits = whenSent(request(SOURCE, "acc-full", eur(500)));

            assertThat(commits.get(0)).contains(new TransferCreditedEvent("acc-full", TRANSFER, CREDIT, eur(500),
                                                                          Long.MAX_VALUE, TRANSIT));
        }

        @Test
        void shouldRejectATransferToADeniedAccountWithoutAskingTheAccounts() {
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SOURCE, "aml", null));

            List<List<Object>> commits = whenSent(request(SOURCE, DENIED_ACCOUNT, eur(500)));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    requested(SOURCE, DENIED_ACCOUNT, eur(500)),
                    new TransferScreenedEvent(TRANSFER, ScreeningDecision.DENIED, List.of(
                            new ScreeningRuleHit("deny-list", ScreeningDecision.DENIED,
                                                 Map.of("party", "destination", "accountId", DENIED_ACCOUNT)))),
                    new TransferRejectedEvent(TRANSFER, RejectionReason.SCREENING_DENIED, "screening: deny-list"));
        }
    }

    @Nested
    class AnInvalidRequest {

        @ParameterizedTest
        @MethodSource("dev.ledger.command.transfer.TransferTest#missingParties")
        void shouldRefuseATransferWithoutSourceOrDestinationAsInvalid(String source, String destination) {
            // not SAME_ACCOUNT: two missing accounts are not the same account
            expectRefused(new RequestTransferCommand(TRANSFER, source, destination, eur(500), null, "holder-1"),
                          ErrorCode.VALIDATION_FAILED, "source and destination are required");
        }

        @Test
        void shouldRefuseATransferToTheSameAccount() {
            expectRefused(request(SOURCE, SOURCE, eur(500)), ErrorCode.SAME_ACCOUNT, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"source", "destination"})
        void shouldRefuseATransferWithAnUnknownAccount(String unknownParty) {
            RequestTransferCommand command = unknownParty.equals("source")
                    ? request("acc-nobody", DESTINATION, eur(500))
                    : request(SOURCE, "acc-nobody", eur(500));

            expectRefused(command, ErrorCode.UNKNOWN_ACCOUNT, null);
        }

        @Test
        void shouldRefuseAnAmountInAnotherCurrencyThanTheAccounts() {
            expectRefused(request(new Money(500, "USD")), ErrorCode.CURRENCY_MISMATCH, null);
        }

        @Test
        void shouldRefuseATransferBetweenAccountsOfDifferentCurrencies() {
            expectRefused(request(SOURCE, USD_ACCOUNT, eur(500)), ErrorCode.CURRENCY_MISMATCH, null);
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, Money.MAX_OPERATION_AMOUNT + 1, Long.MIN_VALUE})
        void shouldRefuseAnAmountOutsideTheOperationRange(long amount) {
            expectRefused(request(eur(amount)), ErrorCode.VALIDATION_FAILED, null);
        }

        @Test
        void shouldRefuseATransferWithoutAmount() {
            expectRefused(request(null), ErrorCode.VALIDATION_FAILED, null);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"has space", "semi;colon",
                "x12345678901234567890123456789012345678901234567890123456789012345"})
        void shouldRefuseAnInvalidTransferId(String transferId) {
            expectRefused(new RequestTransferCommand(transferId, SOURCE, DESTINATION, eur(500), null, "holder-1"),
                          ErrorCode.VALIDATION_FAILED, null);
        }

        @Test
        void shouldSendTheLargestOperationAmountToReview() {
            open("acc-rich", "EUR", Money.MAX_OPERATION_AMOUNT);

            List<List<Object>> commits = whenSent(new RequestTransferCommand(TRANSFER, "acc-rich", DESTINATION,
                                                                             eur(Money.MAX_OPERATION_AMOUNT), null, "holder-1"));

            assertThat(commits.get(0)).contains(new HoldPlacedEvent("acc-rich", HOLD, TRANSFER,
                                                                    eur(Money.MAX_OPERATION_AMOUNT),
                                                                    Money.MAX_OPERATION_AMOUNT));
        }
    }

    @Nested
    class ATransferInReview {

        private static final long AMOUNT = REVIEW_THRESHOLD;

        @Test
        void shouldHoldTheAmountOnTheSourceInTheRequestsCommit() {
            List<List<Object>> commits = whenSent(request(eur(AMOUNT)));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    requested(eur(AMOUNT)),
                    new TransferScreenedEvent(TRANSFER, ScreeningDecision.REVIEW, List.of(thresholdHit(AMOUNT))),
                    new HoldPlacedEvent(SOURCE, HOLD, TRANSFER, eur(AMOUNT), AMOUNT));
            assertThat(ledger.balance(SOURCE)).as("nothing posted yet").isEqualTo(FUNDS);
            assertThat(ledger.held(SOURCE)).isEqualTo(AMOUNT);
        }

        @Test
        void shouldLeaveOnlyWhatTheHoldDoesNotReserveForWithdrawal() {
            whenSent(request(eur(AMOUNT)));

            assertThat(refusalOf(new WithdrawMoneyCommand(SOURCE, "wd-1", eur(FUNDS - AMOUNT + 1))))
                    .isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
            ledger.sendAndExpectSuccess(new WithdrawMoneyCommand(SOURCE, "wd-2", eur(FUNDS - AMOUNT)));
        }

        @Test
        void shouldRejectAReviewTheSourceCannotReserve() {
            ledger.sendAndExpectSuccess(new WithdrawMoneyCommand(SOURCE, "wd-1", eur(FUNDS - AMOUNT + 1)));

            List<List<Object>> commits = whenSent(request(eur(AMOUNT)));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    requested(eur(AMOUNT)),
                    new TransferScreenedEvent(TRANSFER, ScreeningDecision.REVIEW, List.of(thresholdHit(AMOUNT))),
                    new TransferRejectedEvent(TRANSFER, RejectionReason.INSUFFICIENT_FUNDS, "source acc-src refused"));
            assertThat(ledger.held(SOURCE)).isZero();
        }

        @Test
        void shouldRejectAReviewWhoseDestinationCannotReceiveWithoutHoldingAnything() {
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(DESTINATION, "aml", null));

            List<List<Object>> commits = whenSent(request(eur(AMOUNT)));

            assertThat(commits.get(0)).endsWith(new TransferRejectedEvent(TRANSFER, RejectionReason.ACCOUNT_FROZEN,
                                                                          "destination acc-dst refused"));
            assertThat(ledger.held(SOURCE)).isZero();
        }

        @Test
        void shouldCaptureCreditAndCompleteInTheApprovalsCommit() {
            whenSent(request(eur(AMOUNT)));

            List<List<Object>> commits = whenSent(review(ReviewDecision.APPROVE, "alice", "known customer", null));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    new TransferApprovedEvent(TRANSFER, "alice", "known customer"),
                    new HoldCapturedEvent(SOURCE, HOLD, TRANSFER, DEBIT, eur(AMOUNT), FUNDS - AMOUNT, 0, TRANSIT),
                    new TransferCreditedEvent(DESTINATION, TRANSFER, CREDIT, eur(AMOUNT), AMOUNT, TRANSIT),
                    new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION, eur(AMOUNT)));
            assertThat(ledger.balance(TRANSIT)).isZero();
            assertThat(ledger.held(SOURCE)).isZero();
        }

        /** Reviews recorded before reviews held their amount: requested and screened, but no hold. */
        private void givenAReviewWithoutHold() {
            ledger.given(TRANSFER, requested(eur(AMOUNT)),
                         new TransferScreenedEvent(TRANSFER, ScreeningDecision.REVIEW, List.of(thresholdHit(AMOUNT))));
        }

        @Test
        void shouldDebitAndCreditAnApprovedReviewThatHoldsNothingInOneCommit() {
            givenAReviewWithoutHold();

            List<List<Object>> commits = whenSent(review(ReviewDecision.APPROVE, "alice", null, null));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    new TransferApprovedEvent(TRANSFER, "alice", null),
                    new TransferDebitedEvent(SOURCE, TRANSFER, DEBIT, eur(AMOUNT), FUNDS - AMOUNT, TRANSIT),
                    new TransferCreditedEvent(DESTINATION, TRANSFER, CREDIT, eur(AMOUNT), AMOUNT, TRANSIT),
                    new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION, eur(AMOUNT)));
            assertThat(ledger.balance(TRANSIT)).isZero();
        }

        @Test
        void shouldRejectAnApprovedReviewThatHoldsNothingWhenTheSourceCannotPay() {
            givenAReviewWithoutHold();
            ledger.sendAndExpectSuccess(new WithdrawMoneyCommand(SOURCE, "w-1", eur(FUNDS - AMOUNT + 1)));

            List<List<Object>> commits = whenSent(review(ReviewDecision.APPROVE, "alice", null, null));

            assertThat(commits.get(0)).containsExactly(
                    new TransferApprovedEvent(TRANSFER, "alice", null),
                    new TransferRejectedEvent(TRANSFER, RejectionReason.INSUFFICIENT_FUNDS, "source acc-src refused"));
            assertThat(ledger.balance(DESTINATION)).isZero();
        }

        @Test
        void shouldRejectAndExpireReviewsThatHoldNothingWithoutReleasingAnything() {
            givenAReviewWithoutHold();

            List<List<Object>> commits = whenSent(review(ReviewDecision.REJECT, "alice", null, null));

            assertThat(commits.get(0)).hasSize(1).first().isInstanceOf(TransferRejectedEvent.class);
            assertThat(whenSent(new ExpireTransferReviewCommand(TRANSFER))).isEmpty();
        }

        @Test
        void shouldStillSettleAnApprovedHoldWhenTheSourceWasFrozenMeanwhile() {
            whenSent(request(eur(AMOUNT)));
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SOURCE, "aml", null));

            List<List<Object>> commits = whenSent(review(ReviewDecision.APPROVE, "alice", null, null));

            assertThat(commits.get(0)).endsWith(new TransferCompletedEvent(TRANSFER, SOURCE, DESTINATION,
                                                                           eur(AMOUNT)));
            assertThat(ledger.balance(DESTINATION)).isEqualTo(AMOUNT);
        }

        @Test
        void shouldReleaseTheHoldAndFailWhenTheDestinationWasFrozenMeanwhile() {
            whenSent(request(eur(AMOUNT)));
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(DESTINATION, "aml", null));

            List<List<Object>> commits = whenSent(review(ReviewDecision.APPROVE, "alice", null, null));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    new TransferApprovedEvent(TRANSFER, "alice", null),
                    new HoldReleasedEvent(SOURCE, HOLD, TRANSFER, eur(AMOUNT), 0, "ACCOUNT_FROZEN"),
                    new TransferFailedEvent(TRANSFER, RejectionReason.ACCOUNT_FROZEN, "destination acc-dst refused"));
            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS);
            assertThat(ledger.held(SOURCE)).isZero();
        }

        @Test
        void shouldReleaseTheHoldInTheRejectionsCommit() {
            whenSent(request(eur(AMOUNT)));

            List<List<Object>> commits = whenSent(review(ReviewDecision.REJECT, "alice", "too large", null));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    new TransferRejectedEvent(TRANSFER, RejectionReason.REVIEW_REJECTED,
                                              "rejected by alice: too large"),
                    new HoldReleasedEvent(SOURCE, HOLD, TRANSFER, eur(AMOUNT), 0, "REVIEW_REJECTED"));
            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS);
        }

        @Test
        void shouldNameOnlyTheReviewerWhenARejectionHasNoNote() {
            whenSent(request(eur(AMOUNT)));

            assertThat(whenSent(review(ReviewDecision.REJECT, "alice", null, null)).get(0))
                    .startsWith(new TransferRejectedEvent(TRANSFER, RejectionReason.REVIEW_REJECTED,
                                                          "rejected by alice"));
        }

        @Test
        void shouldReleaseAHoldOnAFrozenSourceWhenTheReviewerRejects() {
            whenSent(request(eur(AMOUNT)));
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SOURCE, "aml", null));

            whenSent(review(ReviewDecision.REJECT, "alice", null, null));

            assertThat(ledger.held(SOURCE)).isZero();
        }

        @Test
        void shouldRejectAndReleaseInOneCommitWhenTheReviewExpires() {
            whenSent(request(eur(AMOUNT)));

            List<List<Object>> commits = whenSent(new ExpireTransferReviewCommand(TRANSFER));

            assertThat(commits).hasSize(1);
            assertThat(commits.get(0)).containsExactly(
                    new TransferRejectedEvent(TRANSFER, RejectionReason.REVIEW_TIMED_OUT,
                                              "no review decision in time"),
                    new HoldReleasedEvent(SOURCE, HOLD, TRANSFER, eur(AMOUNT), 0, "REVIEW_TIMED_OUT"));
        }

        @Test
        void shouldIgnoreASecondExpiry() {
            whenSent(request(eur(AMOUNT)));
            whenSent(new ExpireTransferReviewCommand(TRANSFER));

            assertThat(whenSent(new ExpireTransferReviewCommand(TRANSFER))).isEmpty();
            assertThat(ledger.balance(SOURCE)).isEqualTo(FUNDS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"APPROVE", "REJECT"})
        void shouldIgnoreAnExpiryThatArrivesAfterTheDecision(ReviewDecision decision) {
            whenSent(request(eur(AMOUNT)));
            whenSent(review(decision, "alice", null, null));

            assertThat(whenSent(new ExpireTransferReviewCommand(TRANSFER))).isEmpty();
        }

        @Test
        void shouldIgnoreAnExpiryOfATransferThatNeededNoReview() {
            whenSent(request(eur(500)));

            assertThat(whenSent(new ExpireTransferReviewCommand(TRANSFER))).isEmpty();
        }

        @Test
        void shouldRefuseAReviewAfterTheReviewExpired() {
            whenSent(request(eur(AMOUNT)));
            whenSent(new ExpireTransferReviewCommand(TRANSFER));

            expectRefused(review(ReviewDecision.APPROVE, "alice", "sorry, late", null),
                          ErrorCode.TRANSFER_NOT_IN_REVIEW, "transfer is REJECTED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"APPROVE", "REJECT"})
        void shouldRefuseASecondReview(ReviewDecision first) {
            whenSent(request(eur(AMOUNT)));
            whenSent(review(first, "alice", null, null));

            expectRefused(review(ReviewDecision.REJECT, "bob", "changed my mind", null),
                          ErrorCode.TRANSFER_NOT_IN_REVIEW,
                          "transfer is " + (first == ReviewDecision.APPROVE ? "COMPLETED" : "REJECTED"));
        }

        @Test
        void shouldRefuseAReviewOfAFailedTransfer() {
            whenSent(request(eur(AMOUNT)));
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(DESTINATION, "aml", null));
            whenSent(review(ReviewDecision.APPROVE, "alice", null, null));

            expectRefused(review(ReviewDecision.APPROVE, "bob", null, null), ErrorCode.TRANSFER_NOT_IN_REVIEW,
                          "transfer is FAILED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"APPROVE", "REJECT"})
        void shouldAnswerAReviewWithTheTransfersNewVersion(ReviewDecision decision) {
            whenSent(request(eur(AMOUNT)));

            // requested = 0, screened = 1; then approved = 2 and completed = 3, or rejected = 2
            assertThat(ledger.sendAndExpectSuccess(review(decision, "alice", null, 1L)))
                    .isEqualTo(decision == ReviewDecision.APPROVE ? 3L : 2L);
        }

        @ParameterizedTest
        @ValueSource(longs = {0, 2, 7})
        void shouldRefuseAReviewMadeAgainstAnotherVersionAndKeepTheHold(long expectedVersion) {
            whenSent(request(eur(AMOUNT)));
            int before = ledger.commits().size();

            CommandResultMessage<?> result = ledger.send(review(ReviewDecision.APPROVE, "alice", null,
                                                                expectedVersion));

            assertThat(result.exceptionResult()).isInstanceOf(ConflictingAggregateVersionException.class);
            assertThat(ledger.commitsSince(before)).isEmpty();
            assertThat(ledger.held(SOURCE)).isEqualTo(AMOUNT);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void shouldRefuseAReviewWithoutReviewer(String reviewer) {
            whenSent(request(eur(AMOUNT)));

            expectRefused(review(ReviewDecision.APPROVE, reviewer, null, null), ErrorCode.VALIDATION_FAILED, null);
        }

        @Test
        void shouldRefuseAReviewWithoutDecision() {
            whenSent(request(eur(AMOUNT)));

            expectRefused(review(null, "alice", null, null), ErrorCode.VALIDATION_FAILED, null);
        }
    }

    @Nested
    class AReviewOfATransferNotInReview {

        @Test
        void shouldRefuseAReviewOfACompletedTransfer() {
            whenSent(request(eur(500)));

            expectRefused(review(ReviewDecision.APPROVE, "alice", null, null), ErrorCode.TRANSFER_NOT_IN_REVIEW,
                          "transfer is COMPLETED");
        }

        @Test
        void shouldRefuseAReviewOfARejectedTransfer() {
            ledger.sendAndExpectSuccess(new FreezeAccountCommand(SOURCE, "aml", null));
            whenSent(request(eur(500)));

            expectRefused(review(ReviewDecision.REJECT, "alice", null, null), ErrorCode.TRANSFER_NOT_IN_REVIEW,
                          "transfer is REJECTED");
        }

        @Test
        void shouldNotFindATransferThatWasNeverRequested() {
            assertThat(ledger.send(review(ReviewDecision.APPROVE, "alice", null, null)).exceptionResult())
                    .isInstanceOf(AggregateNotFoundException.class);
        }
    }

    static Stream<Arguments> missingParties() {
        return Stream.of(Arguments.of(null, DESTINATION), Arguments.of(SOURCE, null), Arguments.of(null, null));
    }

    /** Sends a command that must succeed and returns what it committed. */
    private List<List<Object>> whenSent(Object command) {
        int before = ledger.commits().size();
        ledger.sendAndExpectSuccess(command);
        return ledger.commitsSince(before);
    }

    private void expectRejected(RequestTransferCommand command, RejectionReason reason, String detail) {
        Map<String, Long> balances = ledger.balances();

        List<List<Object>> commits = whenSent(command);

        assertThat(commits).as("one commit").hasSize(1);
        assertThat(commits.get(0)).containsExactly(
                new TransferRequestedEvent(TRANSFER, command.sourceAccountId(), command.destinationAccountId(),
                                           command.amount(), command.reference(), "holder-1", "holder-1", "holder-1"),
                new TransferScreenedEvent(TRANSFER, ScreeningDecision.PASSED, List.of()),
                new TransferRejectedEvent(TRANSFER, reason, detail));
        assertThat(ledger.balances()).as("nothing posted").isEqualTo(balances);
    }

    private void expectRefused(Object command, ErrorCode code, String message) {
        int before = ledger.commits().size();

        CommandResultMessage<?> result = ledger.send(command);

        assertThat(result.exceptionResult()).isInstanceOfSatisfying(LedgerRuleViolation.class, violation -> {
            assertThat(violation.code()).isEqualTo(code);
            if (message != null) {
                assertThat(violation).hasMessage(message);
            }
        });
        assertThat(result.exceptionDetails()).contains(code);
        assertThat(ledger.commitsSince(before)).as("nothing committed").isEmpty();
    }

    private ErrorCode refusalOf(Object command) {
        CommandResultMessage<?> result = ledger.send(command);
        return result.exceptionResult() instanceof LedgerRuleViolation violation ? violation.code() : null;
    }

    private void open(String accountId, String currency, long overdraft) {
        ledger.sendAndExpectSuccess(new OpenAccountCommand(accountId, currency, overdraft, "owner-" + accountId, "holder-1"));
    }

    /** Appends an account's history as given, for states no sequence of commands reaches quickly. */
    private void storeAccountHistory(String accountId, Object... events) {
        ledger.given(accountId, events);
    }

    private static RequestTransferCommand request(Money amount) {
        return request(SOURCE, DESTINATION, amount);
    }

    private static RequestTransferCommand request(String source, String destination, Money amount) {
        return new RequestTransferCommand(TRANSFER, source, destination, amount, "rent", "holder-1");
    }

    private static TransferRequestedEvent requested(Money amount) {
        return requested(SOURCE, DESTINATION, amount);
    }

    private static TransferRequestedEvent requested(String source, String destination, Money amount) {
        return new TransferRequestedEvent(TRANSFER, source, destination, amount, "rent", "holder-1", "holder-1", "holder-1");
    }

    private static ReviewTransferCommand review(ReviewDecision decision, String reviewer, String note,
                                                Long expectedVersion) {
        return new ReviewTransferCommand(TRANSFER, decision, reviewer, note, expectedVersion);
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
