package dev.ledger.system;

import static dev.ledger.system.ClientApis.newKey;
import static dev.ledger.system.ClientRefusal.assertRefused;
import static dev.ledger.system.ClientFixtures.eur;
import static dev.ledger.system.ClientFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.client.command.api.AccountsApi;
import dev.ledger.client.command.api.AuthorizationsApi;
import dev.ledger.client.command.api.RefundsApi;
import dev.ledger.client.command.api.TransfersApi;
import dev.ledger.client.command.model.AuthorizeRequest;
import dev.ledger.client.command.model.CaptureRequest;
import dev.ledger.client.command.model.MoneyMovementRequest;
import dev.ledger.client.command.model.OpenAccountRequest;
import dev.ledger.client.command.model.RefundRequest;
import dev.ledger.client.command.model.ReviewRequest;
import dev.ledger.client.command.model.ReviewRequest.DecisionEnum;
import dev.ledger.client.command.model.TransferRequest;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every refusal a client can provoke on purpose, through the client generated from the reviewed documents: each
 * call must throw the client's {@code ApiException} with the documented status, and its body must read into the
 * generated {@code Problem} model (strictly) with the code the README's error table names. A request the generated
 * API cannot even send wrong (a body that is not JSON, another content type) is spoilt in the client's request
 * interceptor, the hook a team would use, and says so.
 * <p>
 * One file over 300 lines: one short test per row of the README's error table that the command side answers, in
 * the table's order; split by feature, the table would be spread over files no reader would find together.
 */
@ExtendWith(SharedLedger.class)
class ClientErrorPathsSystemIT {

    /** The shared ledger sends EUR transfers from 1,000.00 to review. */
    private static final long REVIEWED = 100_000;

    private static LedgerSystem ledger;
    private static ClientApis apis;
    private static RunIds ids;
    private static ClientFixtures fixtures;

    @BeforeAll
    static void connect(LedgerSystem shared) {
        ledger = shared;
        apis = new ClientApis(shared);
        ids = RunIds.fresh("ce");
        fixtures = new ClientFixtures(apis, ids);
    }

    @Test
    void shouldRefuseAnAmountOutOfBoundsAsValidationFailed() throws Exception {
        String account = fixtures.openedWith(1_000);
        var refusal = assertRefused(() -> treasury().depositMoney(account, newKey(), eur(0), null),
                                    400, "VALIDATION_FAILED");
        assertThat(refusal.fields()).containsExactly("amount");
    }

    @Test
    void shouldRefuseABodyThatIsNotJson() throws Exception {
        String account = fixtures.openedWith(0);
        // the generated API serializes its model and cannot send broken JSON; the interceptor spoils the body
        var broken = new AccountsApi(GeneratedClients.command(ledger, treasuryWith(
                request -> request.POST(HttpRequest.BodyPublishers.ofString("{\"amount\":10,")))));
        assertRefused(() -> broken.depositMoney(account, newKey(), eur(10), null), 400, "MALFORMED_REQUEST");
    }

    @Test
    void shouldRefuseABodyOfAnotherType() throws Exception {
        String account = fixtures.openedWith(0);
        var plain = new AccountsApi(GeneratedClients.command(ledger, treasuryWith(
                request -> request.setHeader("Content-Type", "text/plain"))));
        assertRefused(() -> plain.depositMoney(account, newKey(), eur(10), null), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void shouldRefuseABodyOverTheSizeLimit() throws Exception {
        String payer = fixtures.openedWith(1_000);
        String payee = fixtures.opened(DemoClient.HOLDER_2, "payee");
        TransferRequest huge = transfer(payer, payee, 10).reference("x".repeat(70_000));
        assertRefused(() -> holder().requestTransfer(newKey(), huge, null), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void shouldRefuseAnUnknownAccount() {
        assertRefused(() -> treasury().depositMoney(ids.id("nobody"), newKey(), eur(10), null),
                      404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void shouldRefuseAWithdrawalBeyondTheAvailableAmount() throws Exception {
        String account = fixtures.openedWith(1_000);
        assertRefused(() -> treasury().withdrawMoney(account, newKey(), eur(1_001), null), 422, "INSUFFICIENT_FUNDS");
    }

    @Test
    void shouldRefuseAnotherCurrency() throws Exception {
        String account = fixtures.openedWith(0);
        assertRefused(() -> treasury().depositMoney(account, newKey(),
                                                    new MoneyMovementRequest().amount(10L).currency("USD"), null),
                      422, "CURRENCY_MISMATCH");
    }

    @Test
    void shouldRefuseATransferToItsOwnSource() throws Exception {
        String account = fixtures.openedWith(1_000);
        assertRefused(() -> holder().requestTransfer(newKey(), transfer(account, account, 10), null),
                      422, "SAME_ACCOUNT");
    }

    @Test
    void shouldRefuseATransferToAnUnknownAccount() throws Exception {
        String account = fixtures.openedWith(1_000);
        assertRefused(() -> holder().requestTransfer(newKey(), transfer(account, ids.id("nobody"), 10), null),
                      422, "UNKNOWN_ACCOUNT");
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherRequest() throws Exception {
        String account = fixtures.openedWith(0);
        String key = newKey();
        treasury().depositMoney(account, key, eur(10), null);
        assertRefused(() -> treasury().depositMoney(account, key, eur(11), null), 422, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void shouldRefuseAMalformedIdempotencyKey() throws Exception {
        String account = fixtures.openedWith(0);
        assertRefused(() -> treasury().depositMoney(account, "k".repeat(256), eur(10), null),
                      400, "IDEMPOTENCY_KEY_INVALID");
        assertRefused(() -> treasury().depositMoney(account, "", eur(10), null), 400, "IDEMPOTENCY_KEY_INVALID");
    }

    @Test
    void shouldRefuseAStaleVersionInIfMatch() throws Exception {
        String account = fixtures.openedWith(0);
        assertRefused(() -> apis.accounts(DemoClient.COMPLIANCE).freezeAccount(account, "\"7\"", newKey(), null, null),
                      412, "VERSION_MISMATCH");
    }

    @Test
    void shouldRefuseACallWithoutAToken() {
        var anonymous = new AccountsApi(GeneratedClients.commandWithoutToken(ledger));
        var refusal = assertRefused(() -> anonymous.depositMoney(ids.id("anyone"), newKey(), eur(10), null),
                                    401, "UNAUTHENTICATED");
        assertThat(refusal.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void shouldRefuseARoleTheOperationDoesNotAllow() throws Exception {
        String account = fixtures.openedWith(0);
        assertRefused(() -> apis.accounts(DemoClient.HOLDER).depositMoney(account, newKey(), eur(10), null),
                      403, "ACCESS_DENIED");
    }

    @Test
    void shouldRefuseAReviewByTheTransfersOwnRequester() throws Exception {
        // the system tests' client holds every role: it may request (holder) and review (compliance), never both
        var everyRole = GeneratedClients.commandWithEveryRole(ledger);
        String source = fixtures.newId("four-eyes");
        new AccountsApi(everyRole).openAccount(newKey(), new OpenAccountRequest().accountId(source).currency("EUR"),
                                               null);
        new AccountsApi(everyRole).depositMoney(source, newKey(), eur(REVIEWED), null);
        String payee = fixtures.opened(DemoClient.HOLDER_2, "payee");
        String transfer = new TransfersApi(everyRole).requestTransfer(newKey(), transfer(source, payee, REVIEWED),
                                                                      null).getTransferId();
        assertRefused(() -> new TransfersApi(everyRole).reviewTransfer(
                              transfer, newKey(), new ReviewRequest().decision(DecisionEnum.APPROVE), null, null),
                      403, "REVIEWER_IS_REQUESTER");
    }

    @Test
    void shouldRefuseAReviewOfATransferNotInReview() throws Exception {
        String transfer = fixtures.completedTransfer(1_000, 500);
        assertRefused(() -> compliance().reviewTransfer(transfer, newKey(),
                                                        new ReviewRequest().decision(DecisionEnum.APPROVE), null,
                                                        null),
                      422, "TRANSFER_NOT_IN_REVIEW");
    }

    @Test
    void shouldRefuseAReviewOfAnUnknownTransfer() {
        assertRefused(() -> compliance().reviewTransfer(ids.id("no-transfer"), newKey(),
                                                        new ReviewRequest().decision(DecisionEnum.REJECT), null, null),
                      404, "TRANSFER_NOT_FOUND");
    }

    @Test
    void shouldRefuseARefundBeyondWhatIsLeftOfTheOriginal() throws Exception {
        String transfer = fixtures.completedTransfer(1_000, 500);
        payeesRefunds().refundTransfer(transfer, newKey(), new RefundRequest().amount(200L), null);
        var refusal = assertRefused(() -> payeesRefunds().refundTransfer(transfer, newKey(),
                                                                         new RefundRequest().amount(301L), null),
                                    422, "REFUND_EXCEEDS_ORIGINAL");
        assertThat(refusal.detail()).contains("at most 300");
    }

    @Test
    void shouldRefuseARefundAskedByThePayer() throws Exception {
        String transfer = fixtures.completedTransfer(1_000, 500);
        assertRefused(() -> apis.refunds(DemoClient.HOLDER).refundTransfer(transfer, newKey(),
                                                                            new RefundRequest().amount(1L), null),
                      403, "ACCESS_DENIED");
    }

    @Test
    void shouldRefuseARefundOfARefund() throws Exception {
        String transfer = fixtures.completedTransfer(1_000, 500);
        String refund = payeesRefunds().refundTransfer(transfer, newKey(), new RefundRequest().amount(100L), null)
                                       .getTransferId();
        // the refund paid the original's payer back: only that payer's holder could refund it, and may not
        assertRefused(() -> apis.refunds(DemoClient.HOLDER).refundTransfer(refund, newKey(),
                                                                            new RefundRequest().amount(1L), null),
                      422, "TRANSFER_NOT_REFUNDABLE");
    }

    @Test
    void shouldRefuseARefundOfAnUnknownTransfer() {
        assertRefused(() -> payeesRefunds().refundTransfer(ids.id("no-transfer"), newKey(), new RefundRequest(), null),
                      404, "TRANSFER_NOT_FOUND");
    }

    @Test
    void shouldRefuseACaptureBeyondTheAuthorization() throws Exception {
        String authorization = fixtures.authorized(1_000, 500, fixtures.opened(DemoClient.HOLDER_2, "payee"));
        assertRefused(() -> holderAuthorizations().captureAuthorization(authorization, newKey(),
                                                                        new CaptureRequest().amount(501L), null),
                      422, "CAPTURE_EXCEEDS_AUTHORIZATION");
    }

    @Test
    void shouldRefuseACaptureOfAnUnknownAuthorization() {
        assertRefused(() -> holderAuthorizations().captureAuthorization(ids.id("no-authorization"), newKey(),
                                                                        new CaptureRequest().amount(1L), null),
                      404, "AUTHORIZATION_NOT_FOUND");
    }

    @Test
    void shouldRefuseACaptureOfAVoidedAuthorization() throws Exception {
        String authorization = fixtures.authorized(1_000, 500, null);
        holderAuthorizations().voidAuthorization(authorization, newKey(), null);
        String payee = fixtures.opened(DemoClient.HOLDER_2, "payee");
        CaptureRequest capture = new CaptureRequest().amount(1L).destinationAccountId(payee);
        assertRefused(() -> holderAuthorizations().captureAuthorization(authorization, newKey(), capture, null),
                      409, "AUTHORIZATION_NOT_OPEN");
    }

    @Test
    void shouldRefuseACaptureToAnotherDestinationThanAuthorized() throws Exception {
        String payee = fixtures.opened(DemoClient.HOLDER_2, "payee");
        String other = fixtures.opened(DemoClient.HOLDER_2, "other");
        String authorization = fixtures.authorized(1_000, 500, payee);
        CaptureRequest elsewhere = new CaptureRequest().amount(1L).destinationAccountId(other);
        assertRefused(() -> holderAuthorizations().captureAuthorization(authorization, newKey(), elsewhere, null),
                      422, "CAPTURE_DESTINATION_MISMATCH");
    }

    @Test
    void shouldRefuseACaptureIdReusedWithOtherContent() throws Exception {
        String payee = fixtures.opened(DemoClient.HOLDER_2, "payee");
        String authorization = fixtures.authorized(1_000, 500, payee);
        holderAuthorizations().captureAuthorization(authorization, newKey(),
                                                    new CaptureRequest().captureId("c-1").amount(100L), null);
        assertRefused(() -> holderAuthorizations().captureAuthorization(
                              authorization, newKey(), new CaptureRequest().captureId("c-1").amount(101L), null),
                      409, "CAPTURE_ID_CONFLICT");
    }

    @Test
    void shouldDeclineAnAuthorizationScreeningDenies() throws Exception {
        String account = fixtures.openedWith(1_000);
        String denied = fixtures.newId("denied");
        apis.accounts(DemoClient.HOLDER_2).openAccount(newKey(), new OpenAccountRequest().accountId(denied)
                                                                                          .currency("EUR")
                                                                                          .ownerRef("sanctioned-owner"),
                                                       null);
        assertRefused(() -> holderAuthorizations().placeAuthorization(
                              account, newKey(), new AuthorizeRequest().amount(10L).currency("EUR")
                                                                       .destinationAccountId(denied), null),
                      422, "AUTHORIZATION_DECLINED");
    }

    @Test
    void shouldRefuseAnAccountIdThatIsTaken() throws Exception {
        String account = fixtures.openedWith(0);
        assertRefused(() -> apis.accounts(DemoClient.HOLDER).openAccount(
                              newKey(), new OpenAccountRequest().accountId(account).currency("EUR"), null),
                      409, "ACCOUNT_ALREADY_EXISTS");
    }

    @Test
    void shouldRefuseATransferIdReusedWithOtherContent() throws Exception {
        String payer = fixtures.openedWith(1_000);
        String payee = fixtures.opened(DemoClient.HOLDER_2, "payee");
        String id = fixtures.newId("t");
        holder().requestTransfer(newKey(), transfer(payer, payee, 10).transferId(id), null);
        assertRefused(() -> holder().requestTransfer(newKey(), transfer(payer, payee, 11).transferId(id), null),
                      409, "TRANSFER_ID_CONFLICT");
    }

    @Test
    void shouldRefuseMetadataOutOfItsBounds() throws Exception {
        String payer = fixtures.openedWith(1_000);
        String payee = fixtures.opened(DemoClient.HOLDER_2, "payee");
        var refusal = assertRefused(() -> holder().requestTransfer(
                newKey(), transfer(payer, payee, 10).metadata(Map.of("order id", "A-1003")), null),
                                    400, "METADATA_INVALID");
        assertThat(refusal.detail()).contains("key");
    }

    @Test
    void shouldRefuseADepositIntoAFrozenAccount() throws Exception {
        String account = fixtures.openedWith(0);
        apis.accounts(DemoClient.COMPLIANCE).freezeAccount(account, null, newKey(), null, null);
        assertRefused(() -> treasury().depositMoney(account, newKey(), eur(10), null), 422, "ACCOUNT_NOT_OPEN");
    }

    @Test
    void shouldRefuseToCloseAnAccountWithMoneyOnIt() throws Exception {
        String account = fixtures.openedWith(10);
        assertRefused(() -> apis.accounts(DemoClient.OPERATOR).closeAccount(account, null, newKey(), null, null),
                      422, "ACCOUNT_NOT_EMPTY");
    }

    private static AccountsApi treasury() {
        return apis.accounts(DemoClient.TREASURY);
    }

    private static TransfersApi holder() {
        return apis.transfers(DemoClient.HOLDER);
    }

    private static TransfersApi compliance() {
        return apis.transfers(DemoClient.COMPLIANCE);
    }

    private static RefundsApi payeesRefunds() {
        return apis.refunds(DemoClient.HOLDER_2);
    }

    private static AuthorizationsApi holderAuthorizations() {
        return apis.authorizations(DemoClient.HOLDER);
    }

    private static Consumer<HttpRequest.Builder> treasuryWith(Consumer<HttpRequest.Builder> change) {
        return GeneratedClients.bearer(DemoClient.TREASURY::bearer).andThen(change);
    }
}
