package dev.ledger.faultsuite.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventStoreFoldTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSumCustomersWorldAndTransitToZeroForAHealthyStore() {
        EventStoreFold fold = fold(
                event("acc-1", 0, "AccountOpenedEvent", "{\"accountId\":\"acc-1\",\"currency\":\"EUR\",\"overdraftLimit\":0}", "op-1"),
                event("acc-1", 1, "MoneyDepositedEvent", deposit("acc-1", 100, 100), "op-2"),
                event("acc-2", 0, "AccountOpenedEvent", "{\"accountId\":\"acc-2\",\"currency\":\"EUR\",\"overdraftLimit\":0}", "op-3"),
                event("acc-2", 1, "TransferCreditedEvent", credit("acc-2", "t-4", 40, 40), "op-4"),
                event("acc-1", 2, "TransferDebitedEvent", debit("acc-1", "t-4", 40, 60), "op-4"),
                event("t-4", 0, "TransferRequestedEvent", "{\"transferId\":\"t-4\",\"sourceAccountId\":\"acc-1\","
                      + "\"destinationAccountId\":\"acc-2\",\"amount\":{\"amount\":40,\"currency\":\"EUR\"}}", "op-4"),
                event("t-4", 1, "TransferScreenedEvent", "{\"transferId\":\"t-4\",\"decision\":\"PASSED\"}", "op-4"),
                event("t-4", 2, "TransferCompletedEvent", "{\"transferId\":\"t-4\"}", "op-4"));

        assertThat(fold.transfers.get("t-4").status).isEqualTo("COMPLETED");
        assertThat(fold.transfers.get("t-4").debits).isEqualTo(1);
        assertThat(StoreChecks.storeSumsToZero(fold).violations()).isEmpty();
        assertThat(StoreChecks.postingsAddUp(fold).violations()).isEmpty();
        assertThat(fold.byOperation.get("op-4")).containsEntry("TransferDebitedEvent", 1);
    }

    @Test
    void shouldReportABalanceThatNoPostingExplains() {
        EventStoreFold fold = fold(
                event("acc-1", 0, "AccountOpenedEvent", "{\"accountId\":\"acc-1\",\"currency\":\"EUR\",\"overdraftLimit\":0}", "op-1"),
                event("acc-1", 1, "MoneyDepositedEvent", deposit("acc-1", 100, 100), "op-2"),
                // built on a deposit that never committed: money out of nothing
                event("acc-1", 2, "MoneyDepositedEvent", deposit("acc-1", 100, 300), "op-3"));

        assertThat(StoreChecks.postingsAddUp(fold).violations()).hasSize(1);
        assertThat(StoreChecks.storeSumsToZero(fold).violations()).hasSize(1);
    }

    @Test
    void shouldReportAGapInAStreamAndABalanceBelowTheOverdraft() {
        EventStoreFold fold = fold(
                event("acc-1", 0, "AccountOpenedEvent", "{\"accountId\":\"acc-1\",\"currency\":\"EUR\",\"overdraftLimit\":50}", "op-1"),
                event("acc-1", 2, "MoneyWithdrawnEvent",
                      "{\"accountId\":\"acc-1\",\"amount\":{\"amount\":80,\"currency\":\"EUR\"},\"balanceAfter\":-80}", "op-2"));

        assertThat(StoreChecks.noGaps(fold).violations()).singleElement()
                                                         .satisfies(v -> assertThat(v.message()).contains("acc-1"));
        assertThat(StoreChecks.overdraftKept(fold).violations()).hasSize(1);
    }

    @Test
    void shouldReportAHoldReleasedThatWasNeverPlaced() {
        EventStoreFold fold = fold(
                event("acc-1", 0, "AccountOpenedEvent", "{\"accountId\":\"acc-1\",\"currency\":\"EUR\",\"overdraftLimit\":0}", "op-1"),
                event("acc-1", 1, "HoldReleasedEvent", "{\"accountId\":\"acc-1\",\"holdId\":\"t-9:hold\",\"transferId\":"
                      + "\"t-9\",\"amount\":{\"amount\":5,\"currency\":\"EUR\"},\"heldAfter\":0}", "op-9"));

        assertThat(StoreChecks.postingsAddUp(fold).violations()).isNotEmpty();
    }

    @Test
    void shouldFollowAnAuthorizationsReservationCaptureAndReleaseAndSkipItsOwnStream() {
        String money = "\"amount\":{\"amount\":%d,\"currency\":\"EUR\"}";
        EventStoreFold fold = fold(
                event("acc-1", 0, "AccountOpenedEvent", "{\"accountId\":\"acc-1\",\"currency\":\"EUR\",\"overdraftLimit\":0}", "op-1"),
                event("acc-1", 1, "MoneyDepositedEvent", deposit("acc-1", 100, 100), "op-2"),
                event("acc-2", 0, "AccountOpenedEvent", "{\"accountId\":\"acc-2\",\"currency\":\"EUR\",\"overdraftLimit\":0}", "op-3"),
                event("au-1", 0, "AuthorizationPlacedEvent", "{\"authorizationId\":\"au-1\",\"accountId\":\"acc-1\","
                      + String.format(money, 60) + "}", "op-4"),
                event("acc-1", 2, "FundsAuthorizedEvent", "{\"accountId\":\"acc-1\",\"authorizationId\":\"au-1\","
                      + String.format(money, 60) + ",\"heldAfter\":60}", "op-4"),
                event("au-1", 1, "AuthorizationCapturedEvent", "{\"authorizationId\":\"au-1\",\"accountId\":\"acc-1\","
                      + String.format(money, 25) + "}", "op-5"),
                event("acc-1", 3, "AuthorizedFundsCapturedEvent", "{\"accountId\":\"acc-1\",\"authorizationId\":\"au-1\","
                      + String.format(money, 25) + ",\"balanceAfter\":75,\"heldAfter\":35}", "op-5"),
                event("acc-2", 1, "AuthorizedFundsCreditedEvent", "{\"accountId\":\"acc-2\",\"authorizationId\":\"au-1\","
                      + String.format(money, 25) + ",\"balanceAfter\":25}", "op-5"),
                event("au-1", 2, "AuthorizationVoidedEvent", "{\"authorizationId\":\"au-1\",\"accountId\":\"acc-1\"}", "op-6"),
                event("acc-1", 4, "AuthorizedFundsReleasedEvent", "{\"accountId\":\"acc-1\",\"authorizationId\":\"au-1\","
                      + String.format(money, 35) + ",\"heldAfter\":0}", "op-6"));

        assertThat(StoreChecks.storeSumsToZero(fold).violations()).isEmpty();
        assertThat(StoreChecks.postingsAddUp(fold).violations()).isEmpty();
        assertThat(fold.accounts).containsOnlyKeys("acc-1", "acc-2");
        assertThat(fold.accounts.get("acc-1").held).isZero();
        assertThat(fold.accounts.get("acc-1").balance).isEqualTo(75);
        assertThat(fold.unknownTypes).isEmpty();
    }

    static EventStoreFold fold(EventRow... rows) {
        EventStoreFold fold = new EventStoreFold();
        java.util.Arrays.stream(rows)
                        .sorted(java.util.Comparator.comparing(EventRow::aggregate)
                                                    .thenComparingLong(EventRow::sequence))
                        .forEach(fold);
        return fold.finish();
    }

    static EventRow event(String aggregate, long sequence, String type, String payload, String operation) {
        try {
            return new EventRow(aggregate, sequence, type, JSON.readTree(payload), operation,
                                "2026-01-01T00:00:00Z");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String deposit(String account, long amount, long balanceAfter) {
        return "{\"accountId\":\"" + account + "\",\"amount\":{\"amount\":" + amount
               + ",\"currency\":\"EUR\"},\"balanceAfter\":" + balanceAfter + "}";
    }

    private static String credit(String account, String transfer, long amount, long balanceAfter) {
        return "{\"accountId\":\"" + account + "\",\"transferId\":\"" + transfer + "\",\"amount\":{\"amount\":" + amount
               + ",\"currency\":\"EUR\"},\"balanceAfter\":" + balanceAfter + "}";
    }

    private static String debit(String account, String transfer, long amount, long balanceAfter) {
        return credit(account, transfer, amount, balanceAfter);
    }
}
