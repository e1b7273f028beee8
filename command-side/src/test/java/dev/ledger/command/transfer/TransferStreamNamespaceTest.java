package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.api.transfer.RequestTransferCommand;
import dev.ledger.api.transfer.ReviewDecision;
import dev.ledger.api.transfer.ReviewTransferCommand;
import dev.ledger.command.LedgerRuleViolation;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Account and transfer ids share one stream namespace; an account's stream must never pass for a transfer (the web
 * layer turns the refusal into a 404 TRANSFER_NOT_FOUND), and nothing may be appended to it by the booking.
 */
class TransferStreamNamespaceTest {

    private TransferLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = new TransferLedger();
        ledger.sendAndExpectSuccess(new OpenAccountCommand("acc-1", "EUR", 0, null, "holder-1"));
        ledger.sendAndExpectSuccess(new OpenAccountCommand("acc-2", "EUR", 0, null, "holder-1"));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @ParameterizedTest
    @EnumSource(ReviewDecision.class)
    void shouldTreatAnAccountsStreamAsAnUnknownTransferWhenReviewing(ReviewDecision decision) {
        int before = ledger.commits().size();

        assertThat(ledger.send(new ReviewTransferCommand("acc-1", decision, "alice", null, null)).exceptionResult())
                .isInstanceOf(IncompatibleAggregateException.class);
        assertThat(ledger.commitsSince(before)).isEmpty();
    }

    @Test
    void shouldNotExpireAnAccountsStream() {
        int before = ledger.commits().size();

        assertThat(ledger.send(new ExpireTransferReviewCommand("acc-1")).exceptionResult())
                .isInstanceOf(IncompatibleAggregateException.class);
        assertThat(ledger.commitsSince(before)).isEmpty();
    }

    @Test
    void shouldNotStartATransferOnAnAccountsStream() {
        int before = ledger.commits().size();

        assertThat(ledger.send(new RequestTransferCommand("acc-2", "acc-1", "acc-2", new Money(1, "EUR"), null, "holder-1"))
                         .exceptionResult())
                .isInstanceOfSatisfying(LedgerRuleViolation.class,
                                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.TRANSFER_ID_CONFLICT));
        assertThat(ledger.commitsSince(before)).isEmpty();
    }
}
