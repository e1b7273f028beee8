package dev.ledger.faultsuite.checker;

import static dev.ledger.faultsuite.checker.EventStoreFoldTest.deposit;
import static dev.ledger.faultsuite.checker.EventStoreFoldTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.faultsuite.workload.Caller;
import dev.ledger.faultsuite.workload.HistoryEntry;
import dev.ledger.faultsuite.workload.Operation;
import dev.ledger.faultsuite.workload.OperationKind;
import dev.ledger.faultsuite.workload.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationChecksTest {

    private static final String OPENED = "{\"accountId\":\"acc-1\",\"currency\":\"EUR\",\"overdraftLimit\":0}";
    private final List<HistoryEntry> history = new ArrayList<>();

    @Test
    void shouldAcceptAnAcknowledgedDepositAppliedOnceAtItsVersion() {
        Operation deposit = depositOperation("op-2", 100);
        answer(deposit, Phase.UNKNOWN, 0, "HttpTimeoutException");
        answer(deposit, Phase.OK, 202, "v=1");
        EventStoreFold fold = EventStoreFoldTest.fold(event("acc-1", 0, "AccountOpenedEvent", OPENED, "setup-1"),
                                                      event("acc-1", 1, "MoneyDepositedEvent", deposit("acc-1", 100, 100), "op-2"));

        Map<String, OperationResult> results = OperationResults.of(List.of(deposit), history);

        assertThat(ExactlyOnceCheck.check(results, fold).violations()).isEmpty();
        assertThat(AnswerCheck.check(results).violations()).isEmpty();
    }

    @Test
    void shouldCatchADepositAppliedTwice() {
        Operation deposit = depositOperation("op-2", 100);
        answer(deposit, Phase.OK, 202, "v=1");
        EventStoreFold fold = EventStoreFoldTest.fold(event("acc-1", 0, "AccountOpenedEvent", OPENED, "setup-1"),
                                                      event("acc-1", 1, "MoneyDepositedEvent", deposit("acc-1", 100, 100), "op-2"),
                                                      event("acc-1", 2, "MoneyDepositedEvent", deposit("acc-1", 100, 200), "op-2"));

        assertThat(ExactlyOnceCheck.check(OperationResults.of(List.of(deposit), history), fold).violations())
                .singleElement().satisfies(v -> assertThat(v.message()).contains("applied 2 times"));
    }

    @Test
    void shouldCatchARefusalThatMovedMoneyAndAnAcknowledgementAtAnotherVersion() {
        Operation refused = depositOperation("op-2", 100);
        answer(refused, Phase.FAIL, 422, "ACCOUNT_NOT_OPEN");
        Operation acknowledged = depositOperation("op-3", 50);
        answer(acknowledged, Phase.OK, 202, "v=1");
        EventStoreFold fold = EventStoreFoldTest.fold(event("acc-1", 0, "AccountOpenedEvent", OPENED, "setup-1"),
                                                      event("acc-1", 1, "MoneyDepositedEvent", deposit("acc-1", 100, 100), "op-2"),
                                                      event("acc-1", 2, "MoneyDepositedEvent", deposit("acc-1", 50, 150), "op-3"));

        CheckResult result = ExactlyOnceCheck.check(OperationResults.of(List.of(refused, acknowledged), history), fold);

        assertThat(result.violations()).extracting(Violation::message)
                                       .anySatisfy(m -> assertThat(m).contains("was refused but caused"))
                                       .anySatisfy(m -> assertThat(m).contains("acknowledged as acc-1@1"));
    }

    @Test
    void shouldCatchOneKeyWithTwoDecisions() {
        Operation withdrawal = new Operation("op-5", OperationKind.WITHDRAW, Caller.SUITE, "/accounts/acc-1/withdrawals",
                                             "{}", "acc-1", null, 10, "EUR");
        answer(withdrawal, Phase.OK, 202, "v=4");
        answer(withdrawal, Phase.FAIL, 422, "INSUFFICIENT_FUNDS");

        assertThat(AnswerCheck.check(OperationResults.of(List.of(withdrawal), history)).holds()).isFalse();
    }

    @Test
    void shouldBoundCustomerTotalsByTheUnknownOperations() {
        Operation known = depositOperation("op-2", 100);
        answer(known, Phase.OK, 202, "v=1");
        Operation unknown = depositOperation("op-3", 30);
        answer(unknown, Phase.UNKNOWN, 503, "SERVICE_UNAVAILABLE");
        EventStoreFold fold = EventStoreFoldTest.fold(event("acc-1", 0, "AccountOpenedEvent", OPENED, "setup-1"),
                                                      event("acc-1", 1, "MoneyDepositedEvent", deposit("acc-1", 100, 100), "op-2"),
                                                      event("acc-1", 2, "MoneyDepositedEvent", deposit("acc-1", 30, 130), "op-3"));
        ReadModelSnapshot readModel = new ReadModelSnapshot();
        readModel.accounts.put("acc-1", new ReadModelSnapshot.AccountRow("acc-1", "CUSTOMER", "EUR", 130, 0, "OPEN", 2));

        Map<String, OperationResult> results = OperationResults.of(List.of(known, unknown), history);

        assertThat(CustomerTotalsCheck.check(results, fold, readModel).violations()).isEmpty();
        assertThat(ExactlyOnceCheck.check(results, fold).violations()).isEmpty();
    }

    /**
     * A 401 (the identity provider was away) or 429 on a retry comes before the ledger looks at the key: it says
     * that attempt did nothing, not that the earlier unanswered one did nothing.
     */
    @Test
    void shouldLeaveAnUnansweredAttemptUnknownWhenARetryIsRefusedBeforeTheKeyIsLookedAt() {
        Operation deposit = depositOperation("op-2", 100);
        answer(deposit, Phase.UNKNOWN, 0, "HttpTimeoutException");
        answer(deposit, Phase.FAIL, 401, null);
        EventStoreFold fold = EventStoreFoldTest.fold(event("acc-1", 0, "AccountOpenedEvent", OPENED, "setup-1"),
                                                      event("acc-1", 1, "MoneyDepositedEvent", deposit("acc-1", 100, 100), "op-2"));

        Map<String, OperationResult> results = OperationResults.of(List.of(deposit), history);

        assertThat(results.get("op-2").outcome()).isEqualTo(Phase.UNKNOWN);
        assertThat(ExactlyOnceCheck.check(results, fold).violations()).isEmpty();
    }

    @Test
    void shouldSettleAnUnansweredAttemptByARefusalTheLedgerKeptUnderTheKey() {
        Operation withdrawal = new Operation("op-5", OperationKind.WITHDRAW, Caller.SUITE,
                                             "/accounts/acc-1/withdrawals", "{}", "acc-1", null, 10, "EUR");
        answer(withdrawal, Phase.UNKNOWN, 503, "SERVICE_UNAVAILABLE");
        answer(withdrawal, Phase.FAIL, 422, "INSUFFICIENT_FUNDS");

        assertThat(OperationResults.of(List.of(withdrawal), history).get("op-5").outcome()).isEqualTo(Phase.FAIL);
    }

    private static Operation depositOperation(String id, long amount) {
        return new Operation(id, OperationKind.DEPOSIT, Caller.SUITE, "/accounts/acc-1/deposits", "{}", "acc-1", null,
                             amount, "EUR");
    }

    private void answer(Operation operation, Phase phase, int status, String detail) {
        history.add(new HistoryEntry(history.size() + 1, history.size(), "c00", operation.id(), phase, 1, "first",
                                     "command-a", status, detail));
    }
}
