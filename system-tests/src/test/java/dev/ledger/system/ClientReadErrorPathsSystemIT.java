package dev.ledger.system;

import static dev.ledger.system.ClientRefusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.client.query.api.AccountsApi;
import dev.ledger.client.query.api.OperationsApi;
import dev.ledger.client.query.model.EvictRequest;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The refusals of the query side a client can provoke on purpose, through the generated client: as in
 * {@link ClientErrorPathsSystemIT}, each must throw the client's {@code ApiException} with the documented status and a
 * body that reads strictly into the generated {@code Problem} with the README's code. (The tour covers another
 * owner's account, a balance before the account existed, a negative version, a malformed consistency token and a
 * label filtered twice.)
 */
@ExtendWith(SharedLedger.class)
class ClientReadErrorPathsSystemIT {

    private static LedgerSystem ledger;
    private static ClientApis apis;
    private static RunIds ids;
    private static ClientFixtures fixtures;

    @BeforeAll
    static void connect(LedgerSystem shared) {
        ledger = shared;
        apis = new ClientApis(shared);
        ids = RunIds.fresh("cq");
        fixtures = new ClientFixtures(apis, ids);
    }

    @Test
    void shouldRefuseAReadWithoutAToken() {
        var anonymous = new AccountsApi(GeneratedClients.queryWithoutToken(ledger));
        assertRefused(() -> anonymous.getAccount(ids.id("anyone"), null, null, null, null), 401, "UNAUTHENTICATED");
    }

    @Test
    void shouldRefuseAReadTheRoleDoesNotAllow() {
        // treasury moves money in and out; reading accounts is for their holders, compliance and auditors
        assertRefused(() -> apis.accountReads(DemoClient.TREASURY).listAccounts(null, null, null, null, null, null,
                                                                                null, null),
                      403, "ACCESS_DENIED");
    }

    @Test
    void shouldAnswerAnUnknownAccountTransferOrAuthorizationAsNotFound() {
        assertRefused(() -> apis.accountReads(DemoClient.AUDITOR).getAccount(ids.id("nobody"), null, null, null, null),
                      404, "ACCOUNT_NOT_FOUND");
        assertRefused(() -> apis.transferReads(DemoClient.AUDITOR).getTransfer(ids.id("no-transfer"), null, null, null,
                                                                               null),
                      404, "TRANSFER_NOT_FOUND");
        assertRefused(() -> apis.authorizationReads(DemoClient.AUDITOR).getAuthorization(ids.id("no-authorization"),
                                                                                         null, null, null, null),
                      404, "AUTHORIZATION_NOT_FOUND");
    }

    @Test
    void shouldRefuseAPageSizeOutOfBounds() {
        var refusal = assertRefused(() -> apis.transferReads(DemoClient.AUDITOR).listTransfers(
                null, null, null, 0, null, null, null, null, null), 400, "VALIDATION_FAILED");
        assertThat(refusal.detail()).contains("limit");
    }

    @Test
    void shouldRefuseAStatementRangeThatEndsBeforeItStarts() throws Exception {
        String account = fixtures.openedWith(0);
        OffsetDateTime from = OffsetDateTime.parse("2026-01-02T00:00:00Z");
        assertRefused(() -> apis.accountReads(DemoClient.HOLDER).listStatementEntries(
                account, null, null, from, from.minusDays(1), null, null, null, null), 400, "VALIDATION_FAILED");
    }

    @Test
    void shouldRefuseAConsistencyTokenOfAnotherAccount() throws Exception {
        String account = fixtures.openedWith(0);
        var refusal = assertRefused(() -> apis.accountReads(DemoClient.HOLDER).getAccount(
                account, ids.id("elsewhere") + "@1", null, 0L, null), 400, "INVALID_CONSISTENCY_TOKEN");
        assertThat(refusal.detail()).contains("another account");
    }

    @Test
    void shouldRefuseALabelFilterOutOfItsBounds() {
        assertRefused(() -> apis.accountReads(DemoClient.HOLDER).listAccounts(
                null, null, null, null, null, null, List.of("customer id=cust-42"), null), 400, "METADATA_INVALID");
    }

    @Test
    void shouldAnswerOperatorsAboutWhatDoesNotExist() {
        OperationsApi operations = apis.operationsReads(DemoClient.OPERATOR);
        assertRefused(() -> operations.getProcessor(ids.id("no-processor"), null), 404, "PROCESSOR_NOT_FOUND");
        assertRefused(() -> operations.replayProcessor(ids.id("no-processor"), null, null, null, null),
                      404, "PROCESSOR_NOT_FOUND");
        assertRefused(() -> operations.getReconciliationRun(ids.id("no-run"), null), 404,
                      "UNKNOWN_RECONCILIATION_RUN");
        assertRefused(() -> operations.retryDeadLetters(ids.id("no-group"), null, null), 404,
                      "UNKNOWN_PROCESSING_GROUP");
        assertRefused(() -> operations.evictDeadLetters(
                              "account-summary", new EvictRequest().messageIdentifier(ids.id("no-letter"))
                                                                   .reason("contract test"), null),
                      404, "DEAD_LETTER_NOT_FOUND");
    }

    @Test
    void shouldRefuseAReplayThatRepublishesEverything() {
        // republishing needs a start: from the beginning it would send every event to other systems again
        assertRefused(() -> apis.operationsReads(DemoClient.OPERATOR).replayProcessor("account-summary", null, null,
                                                                                      true, null),
                      400, "VALIDATION_FAILED");
    }
}
