package dev.ledger.command.account;

import dev.ledger.api.Money;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.transfer.TransferRequestedEvent;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Account and transfer ids share one stream namespace; a transfer's stream must never pass for an account (the web
 * layer turns the refusal into a 404).
 */
class AccountStreamNamespaceTest {

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void shouldTreatATransfersStreamAsAnUnknownAccount() {
        fixture.given(new TransferRequestedEvent("t-1", "a", "b", new Money(10, "EUR"), null, "holder-1", "holder-1", "holder-1"))
               .when(new DepositMoneyCommand("t-1", "p-1", new Money(10, "EUR")))
               .expectNoEvents()
               .expectException(IncompatibleAggregateException.class);
    }

    @Test
    void shouldNotFreezeATransfersStream() {
        fixture.given(new TransferRequestedEvent("t-1", "a", "b", new Money(10, "EUR"), null, "holder-1", "holder-1", "holder-1"))
               .when(new FreezeAccountCommand("t-1", "why", null))
               .expectNoEvents()
               .expectException(IncompatibleAggregateException.class);
    }
}
