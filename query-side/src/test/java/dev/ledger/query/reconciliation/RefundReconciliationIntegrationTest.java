package dev.ledger.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.RefundRequestedEvent;
import dev.ledger.api.transfer.RefundReservedEvent;
import dev.ledger.api.transfer.RefundSettledEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reconciliation of refunds: a refunded transfer and its refund agree with their events, and a refund's record
 * altered behind the projection's back is found. Currency ISK, which no other test of the module uses.
 */
class RefundReconciliationIntegrationTest extends QuerySideIntegrationTest {

    private static final String CURRENCY = "ISK";

    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ReconciliationContext context;

    @Test
    void shouldAgreeWithRefundsAndFindARefundRecordAltered() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String original = "isk-t-" + run;
        String refund = "isk-r-" + run;
        String a = "isk-a-" + run;
        String b = "isk-b-" + run;
        String transit = LedgerIds.transitAccountOf(CURRENCY);
        DomainEvents events = new DomainEvents(Instant.now().truncatedTo(ChronoUnit.MICROS), "corr-" + run);
        events.account(a, new AccountOpenedEvent(a, CURRENCY, 0, null, "p"));
        events.account(b, new AccountOpenedEvent(b, CURRENCY, 0, null, "q"));
        events.account(a, new MoneyDepositedEvent(a, "dep-" + run, money(1000), 1000,
                                                  LedgerIds.systemAccountOf(CURRENCY)));
        events.transfer(original, new TransferRequestedEvent(original, a, b, money(1000), null, "p", "p", "q"));
        events.transfer(original, new TransferScreenedEvent(original, ScreeningDecision.PASSED, List.of()));
        events.account(a, new TransferDebitedEvent(a, original, original + ":debit", money(1000), 0, transit));
        events.account(b, new TransferCreditedEvent(b, original, original + ":credit", money(1000), 1000, transit));
        events.transfer(original, new TransferCompletedEvent(original, a, b, money(1000)));
        // the refund: one commit, with the original's reservation and settlement
        events.transfer(refund, new TransferRequestedEvent(refund, b, a, money(300), null, "q", "q", "p"));
        events.transfer(refund, new TransferScreenedEvent(refund, ScreeningDecision.PASSED, List.of()));
        events.transfer(refund, new RefundRequestedEvent(refund, original));
        events.transfer(original, new RefundReservedEvent(original, refund, money(300)));
        events.account(b, new TransferDebitedEvent(b, refund, refund + ":debit", money(300), 700, transit));
        events.account(a, new TransferCreditedEvent(a, refund, refund + ":credit", money(300), 300, transit));
        events.transfer(refund, new TransferCompletedEvent(refund, b, a, money(300)));
        events.transfer(original, new RefundSettledEvent(original, refund, money(300)));
        eventStore.publish(events.all());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> jdbc.queryForObject("SELECT count(*) FROM ledger_query.transfer_refund WHERE transfer_id = ?"
                                                  + " AND status = 'COMPLETED'", Long.class, original) == 1
                        && jdbc.queryForObject("SELECT version FROM ledger_query.transfer_view WHERE transfer_id = ?",
                                               Long.class, original) == events.versionOf(original)
                        && jdbc.queryForObject("SELECT count(*) FROM ledger_query.transfer_view WHERE transfer_id = ?"
                                                       + " AND version = ?", Long.class, refund,
                                               events.versionOf(refund)) == 1);

        ReconciliationRun.Outcome agreeing = reconcile();

        assertThat(agreeing.findings().divergences()).isEmpty();
        assertThat(agreeing.transfersChecked()).isGreaterThanOrEqualTo(2);

        jdbc.update("UPDATE ledger_query.transfer_refund SET status = 'REJECTED' WHERE refund_id = ?", refund);
        jdbc.update("DELETE FROM ledger_query.transfer_refund_of WHERE refund_id = ?", refund);

        ReconciliationRun.Outcome altered = reconcile();

        assertThat(altered.findings().divergences())
                .extracting(Divergence::kind, Divergence::transferId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(DivergenceKind.TRANSFER_STATUS_MISMATCH, original),
                        org.assertj.core.groups.Tuple.tuple(DivergenceKind.TRANSFER_REQUEST_MISMATCH, refund));
        assertThat(altered.findings().divergences())
                .filteredOn(d -> d.transferId().equals(original)).singleElement()
                .satisfies(d -> assertThat(d.expected().asText()).contains("refunded 300"));
    }

    private static Money money(long amount) {
        return new Money(amount, CURRENCY);
    }

    private ReconciliationRun.Outcome reconcile() {
        ReconciliationProperties defaults = context.properties();
        ReconciliationProperties quick = new ReconciliationProperties(
                defaults.enabled(), defaults.schedule(), defaults.repairOnSchedule(), defaults.batchSize(),
                Duration.ofSeconds(1), defaults.staleAfter(), defaults.maxReported(), defaults.maxRealigned());
        ReconciliationContext quickly = new ReconciliationContext(
                context.eventStore(), context.scan(), context.jdbc(), context.transactions(), context.progress(),
                context.accounts(), quick, context.storage());
        return new ReconciliationRun(quickly, false, CURRENCY, (head, position, events) -> { }).execute();
    }
}
