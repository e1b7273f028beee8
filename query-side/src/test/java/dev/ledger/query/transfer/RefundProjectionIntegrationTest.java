package dev.ledger.query.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.query.FindTransferQuery;
import dev.ledger.api.query.ListTransfersQuery;
import dev.ledger.api.query.RefundView;
import dev.ledger.api.query.TransferPage;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.RefundReleasedEvent;
import dev.ledger.api.transfer.RefundRequestedEvent;
import dev.ledger.api.transfer.RefundReservedEvent;
import dev.ledger.api.transfer.RefundSettledEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.processors.ProcessorReplays;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.ProjectionDriver;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Refunds in the transfers read model, on real PostgreSQL: a transfer refunded once (completed) and once more
 * (held for review, then rejected), as the command side appends them. The original shows its refunds and what they
 * paid back (completed ones only), the refunds what they pay back; redelivered events change nothing, and a replay
 * of the transfers rebuilds the same views.
 */
class RefundProjectionIntegrationTest extends QuerySideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private QueryGateway queries;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private ProcessorReplays replays;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String original = "rfp-t-" + run;
    private final String completed = "rfp-r1-" + run;
    private final String rejected = "rfp-r2-" + run;
    private final String payer = "rfp-a-" + run;
    private final String payee = "rfp-b-" + run;

    @Test
    void shouldShowTheRefundsOfATransferAndWhatEachRefundPaysBack() {
        DomainEvents events = scenario();

        eventStore.publish(events.all());

        TransferView refunded = awaitVersion(original, events.versionOf(original));
        assertThat(refunded.refundedAmount()).as("completed refunds only").isEqualTo(300);
        assertThat(refunded.refunds()).containsExactly(new RefundView(completed, 300, "COMPLETED"),
                                                       new RefundView(rejected, 200_000 - 300, "REJECTED"));
        assertThat(refunded.refundOf()).isNull();
        assertThat(refunded.status()).isEqualTo("COMPLETED");
        TransferView refund = awaitVersion(completed, events.versionOf(completed));
        assertThat(refund.refundOf()).isEqualTo(original);
        assertThat(refund.refunds()).isEmpty();
        assertThat(refund.sourceAccountId()).isEqualTo(payee);
        assertThat(awaitVersion(rejected, events.versionOf(rejected)).status()).isEqualTo("REJECTED");
        TransferPage listed = queries.query(new ListTransfersQuery(payer, null, null, 10, null),
                                            ResponseTypes.instanceOf(TransferPage.class)).join();
        assertThat(listed.items()).filteredOn(item -> item.transferId().equals(original))
                                  .singleElement().extracting(TransferView::refundedAmount).isEqualTo(300L);

        // redelivered, in one batch: nothing changes
        new ProjectionDriver(processing, transactionManager).deliver(ProcessingGroups.TRANSFERS, events.all());
        assertThat(find(original).orElseThrow().refunds()).isEqualTo(refunded.refunds());

        replays.replay(ProcessingGroups.TRANSFERS, ProcessorReplays.ReplayStart.tail());
        // rows are gone while the replay rebuilds them
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
               .untilAsserted(() -> {
                   TransferView rebuilt = find(original).orElseThrow();
                   assertThat(rebuilt.version()).isEqualTo(refunded.version());
                   assertThat(rebuilt.refunds()).isEqualTo(refunded.refunds());
                   assertThat(find(completed).orElseThrow().refundOf()).isEqualTo(original);
               });
    }

    @Test
    void shouldKeepARefundInReviewReservedButNotRefunded() {
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-" + run);
        completedTransfer(events, original, payer, payee, 1000);
        requestRefund(events, completed, 400, ScreeningDecision.REVIEW);
        events.transfer(original, new RefundReservedEvent(original, completed, new Money(400, "EUR")));

        eventStore.publish(events.all());

        TransferView inReview = awaitVersion(original, events.versionOf(original));
        assertThat(inReview.refunds()).containsExactly(new RefundView(completed, 400, "IN_REVIEW"));
        assertThat(inReview.refundedAmount()).isZero();
    }

    /** The original paid 200000 from payer to payee; one refund of 300 completed, one of the rest rejected in review. */
    private DomainEvents scenario() {
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-" + run);
        completedTransfer(events, original, payer, payee, 200_000);
        requestRefund(events, completed, 300, ScreeningDecision.PASSED);
        events.transfer(original, new RefundReservedEvent(original, completed, new Money(300, "EUR")));
        events.transfer(completed, new TransferCompletedEvent(completed, payee, payer, new Money(300, "EUR")));
        events.transfer(original, new RefundSettledEvent(original, completed, new Money(300, "EUR")));
        requestRefund(events, rejected, 200_000 - 300, ScreeningDecision.REVIEW);
        events.transfer(original, new RefundReservedEvent(original, rejected, new Money(200_000 - 300, "EUR")));
        events.transfer(rejected, new TransferRejectedEvent(rejected, RejectionReason.REVIEW_REJECTED, "no"));
        events.transfer(original, new RefundReleasedEvent(original, rejected, new Money(200_000 - 300, "EUR"),
                                                          TransferStatus.REJECTED));
        return events;
    }

    private void requestRefund(DomainEvents events, String refund, long amount, ScreeningDecision decision) {
        events.transfer(refund, new TransferRequestedEvent(refund, payee, payer, new Money(amount, "EUR"), null,
                                                           "payee", "payee", "payer"));
        events.transfer(refund, new TransferScreenedEvent(refund, decision, List.of()));
        events.transfer(refund, new RefundRequestedEvent(refund, original));
    }

    private static void completedTransfer(DomainEvents events, String id, String from, String to, long amount) {
        events.transfer(id, new TransferRequestedEvent(id, from, to, new Money(amount, "EUR"), null, "payer",
                                                       "payer", "payee"));
        events.transfer(id, new TransferScreenedEvent(id, ScreeningDecision.PASSED, List.of()));
        events.transfer(id, new TransferCompletedEvent(id, from, to, new Money(amount, "EUR")));
    }

    private TransferView awaitVersion(String transferId, long version) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                      .until(() -> find(transferId), t -> t.filter(v -> v.version() >= version).isPresent())
                      .orElseThrow();
    }

    private Optional<TransferView> find(String transferId) {
        return queries.query(new FindTransferQuery(transferId, null),
                             ResponseTypes.optionalInstanceOf(TransferView.class)).join();
    }
}
