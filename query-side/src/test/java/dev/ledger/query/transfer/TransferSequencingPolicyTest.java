package dev.ledger.query.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class TransferSequencingPolicyTest {

    private static final Money AMOUNT = new Money(100, "EUR");
    private final TransferSequencingPolicy policy = new TransferSequencingPolicy();

    @Test
    void shouldSequenceEveryEventOfATransferByItsTransferIdWhicheverStreamItComesFrom() {
        List<Object> accountEvents = List.of(
                new HoldPlacedEvent("src", "h", "tr-1", AMOUNT, 100),
                new HoldRejectedEvent("src", "h", "tr-1", AMOUNT, RejectionReason.INSUFFICIENT_FUNDS),
                new HoldReleasedEvent("src", "h", "tr-1", AMOUNT, 0, "compensation"),
                new HoldCapturedEvent("src", "h", "tr-1", "p", AMOUNT, 0, 0, "transit:EUR"),
                new TransferDebitedEvent("src", "tr-1", "p", AMOUNT, 0, "transit:EUR"),
                new TransferCreditedEvent("dst", "tr-1", "p", AMOUNT, 100, "transit:EUR"),
                new TransferCreditRejectedEvent("dst", "tr-1", AMOUNT, RejectionReason.ACCOUNT_FROZEN));

        for (Object payload : accountEvents) {
            assertThat(policy.getSequenceIdentifierFor(
                    new GenericDomainEventMessage<>("Account", "src", 7, payload))).isEqualTo("tr-1");
        }
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>(
                "Transfer", "tr-1", 0, new TransferRequestedEvent("tr-1", "src", "dst", AMOUNT, null, null, null,
                                                                  null))))
                .isEqualTo("tr-1");
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>(
                "Transfer", "tr-1", 3, new TransferCompletedEvent("tr-1", "src", "dst", AMOUNT))))
                .isEqualTo("tr-1");
    }

    @Test
    void shouldFallBackToTheAggregateForEventsWithoutATransfer() {
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>(
                "Account", "acc-1", 0, new AccountOpenedEvent("acc-1", "EUR", 0, null, null)))).isEqualTo("acc-1");
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>(
                "Account", "acc-1", 4, new HoldReleasedEvent("acc-1", "h", null, AMOUNT, 0, "manual"))))
                .isEqualTo("acc-1");
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage("not a domain event")))
                .isNull();
    }
}
