package dev.ledger.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.Money;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fold a reconciliation run makes of the event store, without a database. */
class RecomputationTest {

    private static final String WORLD = "world:EUR";
    private static final String TRANSIT = "transit:EUR";

    private final List<Recomputation.CompletedTransfer> completed = new ArrayList<>();
    private final Recomputation ledger = new Recomputation(completed::add);

    @Test
    void shouldRecomputeBalancesHoldsVersionsAndStatusesOfCustomerAccounts() {
        account("a", 0, new AccountOpenedEvent("a", "EUR", 0, null, null));
        account("a", 1, new MoneyDepositedEvent("a", "p1", eur(10_000), 10_000, WORLD));
        account("a", 2, new HoldPlacedEvent("a", "h1", "t1", eur(4_000), 4_000));
        account("a", 3, new HoldReleasedEvent("a", "h1", "t1", eur(4_000), 0, "FAILED"));
        account("a", 4, new MoneyWithdrawnEvent("a", "p2", eur(1_500), 8_500, WORLD));
        account("a", 5, new AccountFrozenEvent("a", "audit"));

        AccountState a = ledger.accounts().get("a");
        assertThat(a.balance).isEqualTo(8_500);
        assertThat(a.held).isZero();
        assertThat(a.version).isEqualTo(5);
        assertThat(a.status).isEqualTo(AccountStatus.FROZEN);
        assertThat(a.currency).isEqualTo("EUR");
        assertThat(a.consistent()).isTrue();
        assertThat(ledger.systems().get(WORLD).balance).isEqualTo(-8_500);
        assertThat(ledger.sumsByCurrency()).containsExactly(Map.entry("EUR", BigInteger.ZERO));
    }

    @Test
    void shouldPostTransfersThroughTheTransitAccountAndReportCompletedTransfersWithTheirPostings() {
        account("src", 0, new AccountOpenedEvent("src", "EUR", 0, null, null));
        account("src", 1, new MoneyDepositedEvent("src", "p1", eur(10_000), 10_000, WORLD));
        account("dst", 0, new AccountOpenedEvent("dst", "EUR", 0, null, null));
        account("src", 2, new HoldPlacedEvent("src", "h", "t", eur(3_000), 3_000));
        account("dst", 1, new TransferCreditedEvent("dst", "t", "c", eur(3_000), 3_000, TRANSIT));
        assertThat(ledger.systems().get(TRANSIT).balance).as("between the legs").isEqualTo(-3_000);
        account("src", 3, new HoldCapturedEvent("src", "h", "t", "d", eur(3_000), 7_000, 0, TRANSIT));
        ledger.accept("Transfer", "t", 5, new TransferCompletedEvent("t", "src", "dst", eur(3_000)));
        ledger.finish();

        assertThat(ledger.systems().get(TRANSIT).balance).isZero();
        assertThat(ledger.accounts().get("src").balance).isEqualTo(7_000);
        assertThat(ledger.accounts().get("dst").balance).isEqualTo(3_000);
        assertThat(ledger.sumsByCurrency()).containsExactly(Map.entry("EUR", BigInteger.ZERO));
        assertThat(completed).containsExactly(
                new Recomputation.CompletedTransfer("t", "EUR", "dst", 1, "src", 3));
        assertThat(ledger.accounts()).doesNotContainKey("t");
    }

    @Test
    void shouldTakeADebitPostedInOneCommitWithItsCreditAsTheTransfersDebitLegWithoutTouchingHolds() {
        account("src", 0, new AccountOpenedEvent("src", "EUR", 0, null, null));
        account("src", 1, new MoneyDepositedEvent("src", "p1", eur(10_000), 10_000, WORLD));
        account("src", 2, new HoldPlacedEvent("src", "h", "other", eur(1_000), 1_000));
        account("dst", 0, new AccountOpenedEvent("dst", "EUR", 0, null, null));
        ledger.accept("Transfer", "t", 0, new TransferRequestedEvent("t", "src", "dst", eur(3_000), null, null, null,
                                                                     null));
        account("src", 3, new TransferDebitedEvent("src", "t", "t:debit", eur(3_000), 7_000, TRANSIT));
        assertThat(ledger.systems().get(TRANSIT).balance).as("between the legs").isEqualTo(3_000);
        account("dst", 1, new TransferCreditedEvent("dst", "t", "t:credit", eur(3_000), 3_000, TRANSIT));
        ledger.accept("Transfer", "t", 2, new TransferCompletedEvent("t", "src", "dst", eur(3_000)));
        assertThat(completed).as("settled at its completion, before the end of the pass").containsExactly(
                new Recomputation.CompletedTransfer("t", "EUR", "dst", 1, "src", 3));
        ledger.finish();

        AccountState src = ledger.accounts().get("src");
        assertThat(src.balance).isEqualTo(7_000);
        assertThat(src.held).as("a hold of another transfer is untouched").isEqualTo(1_000);
        assertThat(src.version).isEqualTo(3);
        assertThat(src.consistent()).isTrue();
        assertThat(ledger.systems().get(TRANSIT).balance).isZero();
        assertThat(ledger.sumsByCurrency()).containsExactly(Map.entry("EUR", BigInteger.ZERO));
    }

    @Test
    void shouldReportACompletedTransferWithoutItsPostingsOnlyAtTheEnd() {
        ledger.accept("Transfer", "t", 3, new TransferCompletedEvent("t", "src", "dst", eur(3_000)));
        assertThat(completed).isEmpty();

        ledger.finish();

        assertThat(completed).singleElement().satisfies(t -> assertThat(t.complete()).isFalse());
    }

    @Test
    void shouldNoticeEventsWhoseReportedBalanceIsNotTheSumOfTheirPostings() {
        account("a", 0, new AccountOpenedEvent("a", "EUR", 0, null, null));
        account("a", 1, new MoneyDepositedEvent("a", "p1", eur(1_000), 1_000, WORLD));
        account("a", 2, new MoneyDepositedEvent("a", "p2", eur(1_000), 2_500, WORLD)); // should say 2,000

        assertThat(ledger.accounts().get("a").consistent()).isFalse();
        assertThat(ledger.sumsByCurrency()).containsExactly(Map.entry("EUR", BigInteger.valueOf(500)));
    }

    @Test
    void shouldCountUnknownAccountEventsAsVersionsButIgnoreOtherAggregatesEvents() {
        account("a", 0, new AccountOpenedEvent("a", "EUR", 0, null, null));
        account("a", 1, "an event type added later");
        ledger.accept("Transfer", "a", 7, "a transfer that happens to share the id");
        account("a", 2, new AccountClosedEvent("a", null));

        assertThat(ledger.accounts().get("a").version).isEqualTo(2);
        assertThat(ledger.accounts().get("a").status).isEqualTo(AccountStatus.CLOSED);
        assertThat(ledger.events()).isEqualTo(4);
    }

    private void account(String id, long sequence, Object payload) {
        ledger.accept(Recomputation.ACCOUNT_AGGREGATE, id, sequence, payload);
    }

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }
}
