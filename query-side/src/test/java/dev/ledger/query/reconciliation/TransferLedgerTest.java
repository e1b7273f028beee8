package dev.ledger.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.api.transfer.TransferStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold of transfers a reconciliation run makes, without a database: the projection's status rules. */
class TransferLedgerTest {

    private static final String TRANSIT = "transit:EUR";

    private final TransferLedger ledger = new TransferLedger();

    @Test
    void shouldTakeTheTermsFromTheRequestAndCompleteAtTheFirstPostedLeg() {
        transfer("t", 0, new TransferRequestedEvent("t", "src", "dst", eur(3_000), "rent", null, null, null));
        transfer("t", 1, new TransferScreenedEvent("t", ScreeningDecision.PASSED, List.of()));
        assertThat(state("t").status).isEqualTo(TransferStatus.SCREENING);
        account("src", 4, new TransferDebitedEvent("src", "t", "t:debit", eur(3_000), 7_000, TRANSIT));

        TransferState t = state("t");
        assertThat(t.status).as("money moved").isEqualTo(TransferStatus.COMPLETED);
        assertThat(t.version).as("account events never move it").isEqualTo(1);
        assertThat(t.terms()).isEqualTo("3000 EUR src -> dst");
        account("dst", 2, new TransferCreditedEvent("dst", "t", "t:credit", eur(3_000), 3_000, TRANSIT));
        transfer("t", 2, new TransferCompletedEvent("t", "src", "dst", eur(3_000)));
        assertThat(state("t").status).isEqualTo(TransferStatus.COMPLETED);
        assertThat(state("t").version).isEqualTo(2);
    }

    @Test
    void shouldKeepATransferHeldForReviewInReviewUntilTheReviewerDecides() {
        transfer("t", 0, new TransferRequestedEvent("t", "src", "dst", eur(5_000), null, null, null, null));
        transfer("t", 1, new TransferScreenedEvent("t", ScreeningDecision.REVIEW, List.of()));
        account("src", 3, new HoldPlacedEvent("src", "t:hold", "t", eur(5_000), 5_000));
        assertThat(state("t").status).isEqualTo(TransferStatus.IN_REVIEW);

        transfer("t", 2, new TransferApprovedEvent("t", "rita", null));
        account("src", 4, new HoldCapturedEvent("src", "t:hold", "t", "t:debit", eur(5_000), 0, 0, TRANSIT));
        assertThat(state("t").status).isEqualTo(TransferStatus.COMPLETED);
    }

    @Test
    void shouldReserveFundsForAnApprovedTransferAndNeverLeaveATerminalStatus() {
        transfer("t", 0, new TransferRequestedEvent("t", "src", "dst", eur(5_000), null, null, null, null));
        transfer("t", 1, new TransferScreenedEvent("t", ScreeningDecision.REVIEW, List.of()));
        transfer("t", 2, new TransferApprovedEvent("t", "rita", null));
        account("src", 3, new HoldPlacedEvent("src", "t:hold", "t", eur(5_000), 5_000));
        assertThat(state("t").status).isEqualTo(TransferStatus.FUNDS_RESERVED);

        transfer("t", 3, new TransferRejectedEvent("t", RejectionReason.REVIEW_TIMED_OUT, null));
        account("src", 4, new HoldReleasedEvent("src", "t:hold", "t", eur(5_000), 0, "REVIEW_TIMED_OUT"));
        transfer("t", 4, new TransferCompletedEvent("t", "src", "dst", eur(5_000)));
        assertThat(state("t").status).as("the first terminal status stays").isEqualTo(TransferStatus.REJECTED);
    }

    @Test
    void shouldKnowATransferNamedOnlyByAccountEventsButNotAsRequestedAndIgnoreItsKindFromOtherStreams() {
        account("src", 3, new HoldPlacedEvent("src", "h", "other", eur(1_000), 1_000));
        transfer("elsewhere", 0, new TransferRequestedEvent("other", "x", "y", eur(1), null, null, null, null));

        assertThat(ledger.transfers()).containsOnlyKeys("other");
        assertThat(state("other").requested()).isFalse();
        assertThat(state("other").version).isEqualTo(-1);
    }

    private void transfer(String transferId, long sequence, Object payload) {
        ledger.accept("Transfer", transferId, sequence, payload);
    }

    private void account(String accountId, long sequence, Object payload) {
        ledger.accept("Account", accountId, sequence, payload);
    }

    private TransferState state(String transferId) {
        return ledger.transfers().get(transferId);
    }

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }
}
