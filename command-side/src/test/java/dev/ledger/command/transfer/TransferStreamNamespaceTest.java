package dev.ledger.command.transfer;

import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.transfer.CompleteTransferCommand;
import dev.ledger.api.transfer.FailTransferCommand;
import dev.ledger.api.transfer.ReviewDecision;
import dev.ledger.api.transfer.ReviewTransferCommand;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Account and transfer ids share one stream namespace; an account's stream must never pass for a transfer (the web
 * layer turns the refusal into a 404 TRANSFER_NOT_FOUND).
 */
class TransferStreamNamespaceTest {

    private AggregateTestFixture<Transfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Transfer.class);
    }

    @ParameterizedTest
    @EnumSource(ReviewDecision.class)
    void shouldTreatAnAccountsStreamAsAnUnknownTransferWhenReviewing(ReviewDecision decision) {
        fixture.given(new AccountOpenedEvent("acc-1", "EUR", 0, null))
               .when(new ReviewTransferCommand("acc-1", decision, "alice", null, null))
               .expectNoEvents()
               .expectException(IncompatibleAggregateException.class);
    }

    @Test
    void shouldNotCompleteAnAccountsStream() {
        fixture.given(new AccountOpenedEvent("acc-1", "EUR", 0, null))
               .when(new CompleteTransferCommand("acc-1"))
               .expectNoEvents()
               .expectException(IncompatibleAggregateException.class);
    }

    @Test
    void shouldNotFailAnAccountsStream() {
        fixture.given(new AccountOpenedEvent("acc-1", "EUR", 0, null))
               .when(new FailTransferCommand("acc-1", RejectionReason.STEP_TIMED_OUT, null))
               .expectNoEvents()
               .expectException(IncompatibleAggregateException.class);
    }
}
