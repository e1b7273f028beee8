package dev.ledger.command.account;

import static org.hamcrest.Matchers.equalTo;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.command.LedgerRuleViolation;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

/** Events and expectations the account tests share, so a given-when-expect reads as the rule it checks. */
final class AccountFixtures {

    static final String ACCOUNT = "acc-1";
    static final String WORLD_EUR = "world:EUR";
    static final String TRANSIT_EUR = "transit:EUR";

    private AccountFixtures() {
    }

    static Money eur(long amount) {
        return new Money(amount, "EUR");
    }

    static AccountOpenedEvent opened(long overdraftLimit) {
        return new AccountOpenedEvent(ACCOUNT, "EUR", overdraftLimit, "owner-7", "holder-1");
    }

    static MoneyDepositedEvent deposited(String postingId, long amount, long balanceAfter) {
        return new MoneyDepositedEvent(ACCOUNT, postingId, eur(amount), balanceAfter, WORLD_EUR);
    }

    static MoneyWithdrawnEvent withdrawn(String postingId, long amount, long balanceAfter) {
        return new MoneyWithdrawnEvent(ACCOUNT, postingId, eur(amount), balanceAfter, WORLD_EUR);
    }

    /** A hold for transfer {@code "t-" + holdId}. */
    static HoldPlacedEvent holdPlaced(String holdId, long amount, long heldAfter) {
        return new HoldPlacedEvent(ACCOUNT, holdId, transferOf(holdId), eur(amount), heldAfter);
    }

    static HoldReleasedEvent holdReleased(String holdId, long amount, long heldAfter, String reason) {
        return new HoldReleasedEvent(ACCOUNT, holdId, transferOf(holdId), eur(amount), heldAfter, reason);
    }

    static HoldCapturedEvent holdCaptured(String holdId, String postingId, long amount, long balanceAfter,
                                          long heldAfter) {
        return new HoldCapturedEvent(ACCOUNT, holdId, transferOf(holdId), postingId, eur(amount), balanceAfter,
                                     heldAfter, TRANSIT_EUR);
    }

    static TransferCreditedEvent credited(String transferId, String postingId, long amount, long balanceAfter) {
        return new TransferCreditedEvent(ACCOUNT, transferId, postingId, eur(amount), balanceAfter, TRANSIT_EUR);
    }

    static AccountFrozenEvent frozen() {
        return new AccountFrozenEvent(ACCOUNT, "aml review");
    }

    static AccountUnfrozenEvent unfrozen() {
        return new AccountUnfrozenEvent(ACCOUNT, "cleared");
    }

    static AccountClosedEvent closed() {
        return new AccountClosedEvent(ACCOUNT, "customer left");
    }

    static String transferOf(String holdId) {
        return "t-" + holdId;
    }

    static void expectRefusal(ResultValidator<Account> result, ErrorCode code) {
        result.expectNoEvents()
              .expectException(ruleViolation(code))
              .expectExceptionDetails(code);
    }

    static Matcher<LedgerRuleViolation> ruleViolation(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a LedgerRuleViolation with code", "code") {
            @Override
            protected ErrorCode featureValueOf(LedgerRuleViolation violation) {
                return violation.code();
            }
        };
    }
}
