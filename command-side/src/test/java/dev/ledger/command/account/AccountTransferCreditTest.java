package dev.ledger.command.account;

import static dev.ledger.command.account.AccountFixtures.ACCOUNT;
import static dev.ledger.command.account.AccountFixtures.closed;
import static dev.ledger.command.account.AccountFixtures.credited;
import static dev.ledger.command.account.AccountFixtures.creditRejected;
import static dev.ledger.command.account.AccountFixtures.deposited;
import static dev.ledger.command.account.AccountFixtures.eur;
import static dev.ledger.command.account.AccountFixtures.expectRefusal;
import static dev.ledger.command.account.AccountFixtures.frozen;
import static dev.ledger.command.account.AccountFixtures.opened;
import static dev.ledger.command.account.AccountFixtures.unfrozen;
import static dev.ledger.command.account.AccountFixtures.withdrawn;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.CreditTransferCommand;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.PlaceHoldCommand;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The destination leg of a transfer: a credit against the transit account, exactly once per transfer. */
class AccountTransferCreditTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void shouldCreditTheAccountAgainstTheTransitAccountOfItsCurrency() {
        fixture.given(opened(0), deposited("dep-1", 100, 100))
               .when(credit("t-1", 250))
               .expectSuccessfulHandlerExecution()
               .expectEvents(credited("t-1", "p-t-1", 250, 350));
    }

    @Test
    void shouldRepayAnOverdraftWithACredit() {
        fixture.given(opened(500), withdrawn("wd-1", 400, -400))
               .when(credit("t-1", 100))
               .expectEvents(credited("t-1", "p-t-1", 100, -300));
    }

    @Test
    void shouldMakeCreditedFundsAvailableForHolds() {
        fixture.given(opened(0), credited("t-1", "p-t-1", 500, 500))
               .when(new PlaceHoldCommand(ACCOUNT, "h1", "t-2", eur(500)))
               .expectEvents(new HoldPlacedEvent(ACCOUNT, "h1", "t-2", eur(500), 500));
    }

    @Test
    void shouldNotCreditTheSameTransferTwice() {
        fixture.given(opened(0), credited("t-1", "p-t-1", 250, 250))
               .when(credit("t-1", 250))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void shouldNotCreditATransferWhoseCreditWasRejectedEvenAfterAnUnfreeze() {
        fixture.given(opened(0), frozen(), creditRejected("t-1", 250, RejectionReason.ACCOUNT_FROZEN), unfrozen())
               .when(credit("t-1", 250))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void shouldRejectACreditToAFrozenAccount() {
        fixture.given(opened(0), frozen())
               .when(credit("t-1", 250))
               .expectSuccessfulHandlerExecution()
               .expectEvents(creditRejected("t-1", 250, RejectionReason.ACCOUNT_FROZEN));
    }

    @Test
    void shouldRejectACreditToAClosedAccount() {
        fixture.given(opened(0), closed())
               .when(credit("t-1", 250))
               .expectEvents(creditRejected("t-1", 250, RejectionReason.ACCOUNT_CLOSED));
    }

    @Test
    void shouldRejectACreditInAnotherCurrency() {
        fixture.given(opened(0))
               .when(new CreditTransferCommand(ACCOUNT, "t-1", "p-t-1", new Money(250, "USD")))
               .expectEvents(new TransferCreditRejectedEvent(ACCOUNT, "t-1", new Money(250, "USD"),
                                                             RejectionReason.CURRENCY_MISMATCH));
    }

    @Test
    void shouldRejectACreditThatWouldOverflowTheBalance() {
        fixture.given(opened(0), deposited("dep-1", 100, Long.MAX_VALUE - 10))
               .when(credit("t-1", 11))
               .expectEvents(creditRejected("t-1", 11, RejectionReason.BALANCE_OVERFLOW));
    }

    @Test
    void shouldCreditUpToTheLargestRepresentableBalance() {
        fixture.given(opened(0), deposited("dep-1", 100, Long.MAX_VALUE - 10))
               .when(credit("t-1", 10))
               .expectEvents(credited("t-1", "p-t-1", 10, Long.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE, Money.MAX_OPERATION_AMOUNT + 1, Long.MAX_VALUE})
    void shouldRefuseACreditThatIsNotAPositiveAmountWithinBounds(long amount) {
        expectRefusal(fixture.given(opened(0)).when(credit("t-1", amount)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void shouldRefuseACreditWithoutAnAmount() {
        expectRefusal(fixture.given(opened(0)).when(new CreditTransferCommand(ACCOUNT, "t-1", "p-t-1", null)),
                      ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void shouldRefuseACreditWithoutATransferId() {
        expectRefusal(fixture.given(opened(0)).when(new CreditTransferCommand(ACCOUNT, null, "p-1", eur(1))),
                      ErrorCode.VALIDATION_FAILED);
    }

    private static CreditTransferCommand credit(String transferId, long amount) {
        return new CreditTransferCommand(ACCOUNT, transferId, "p-" + transferId, eur(amount));
    }
}
