package dev.ledger.system;

import static dev.ledger.system.ClientApis.newKey;
import static dev.ledger.system.ClientFixtures.eur;
import static dev.ledger.system.ClientRefusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.client.command.model.AccountLifecycleRequest;
import dev.ledger.client.command.model.AuthorizationAccepted;
import dev.ledger.client.command.model.AuthorizeRequest;
import dev.ledger.client.command.model.CaptureRequest;
import dev.ledger.client.command.model.CommandAccepted;
import dev.ledger.client.command.model.OpenAccountRequest;
import dev.ledger.client.command.model.RefundRequest;
import dev.ledger.client.command.model.ReviewRequest;
import dev.ledger.client.command.model.ReviewRequest.DecisionEnum;
import dev.ledger.client.command.model.TransferRequest;
import dev.ledger.client.query.model.AccountAnswer;
import dev.ledger.client.query.model.AccountView;
import dev.ledger.client.query.model.AuthorizationAnswer;
import dev.ledger.client.query.model.BalanceAnswer;
import dev.ledger.client.query.model.ScreeningRuleHit;
import dev.ledger.client.query.model.StatementAnswer;
import dev.ledger.client.query.model.StatementEntryView;
import dev.ledger.client.query.model.TransferAnswer;
import dev.ledger.client.query.model.TransferStepView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's API tour through the Java client generated from the reviewed documents, with the demo clients'
 * tokens, on the shared ledger (the tour's ids prefixed for this run): its API classes and models only, no JSON by
 * hand, each step asserting what the README says it answers. The client reads with the strict mapper, so a field
 * the services send that the documents do not declare, or an enum value they do not list, fails here.
 * <p>
 * Differences from the README, both forced by the shared ledger: the deny-listed owner reference is
 * {@code sanctioned-owner} (the shared ledger's screening settings), and reads of the statement wait for the write
 * they follow with its consistency token, since another class's work may keep that read model busy.
 * <p>
 * One file over 300 lines: the tour is one story whose steps build on each other (the accounts, the transfers
 * between them, the refunds of those), in the README's order; split, the story's state would travel between files.
 */
@ExtendWith(SharedLedger.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientTourSystemIT {

    private static final long WAIT = 5_000L;

    private static ClientApis apis;
    private static RunIds ids;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void connect(LedgerSystem ledger) {
        apis = new ClientApis(ledger);
        ids = RunIds.fresh("tour");
        alice = ids.id("alice");
        bob = ids.id("bob");
    }

    @Test
    @Order(1)
    void accounts() throws Exception {
        var opened = apis.accounts(DemoClient.TREASURY).openAccountWithHttpInfo(
                newKey(), new OpenAccountRequest().accountId(alice).currency("EUR").overdraftLimit(5000L)
                                                  .ownerRef("cust-42").owner("ledger-holder"), ids.id("tour-1"));
        assertThat(opened.getStatusCode()).isEqualTo(202);
        assertThat(opened.getHeaders().get("X-Correlation-Id")).containsExactly(ids.id("tour-1"));
        assertAccepted(opened.getData(), alice, 0);

        assertAccepted(apis.accounts(DemoClient.TREASURY).depositMoney(alice, newKey(), eur(10_000), null), alice, 1);
        assertAccepted(apis.accounts(DemoClient.TREASURY).withdrawMoney(alice, newKey(), eur(12_000), null), alice, 2);
        var overdrawn = assertRefused(() -> apis.accounts(DemoClient.TREASURY).withdrawMoney(alice, newKey(),
                                                                                            eur(99_000), null),
                                      422, "INSUFFICIENT_FUNDS");
        assertThat(overdrawn.detail()).contains("available");

        AccountAnswer read = holderReadsAlice(alice + "@2", null);
        assertThat(read.getProcessing()).isEqualTo(false);
        assertThat(read).extracting(AccountAnswer::getAccountId, AccountAnswer::getCurrency, AccountAnswer::getHeld,
                                    AccountAnswer::getOverdraftLimit, AccountAnswer::getOwnerRef,
                                    AccountAnswer::getOwner, AccountAnswer::getVersion, AccountAnswer::getMetadata)
                        .containsExactly(alice, "EUR", 0L, 5000L, "cust-42", "ledger-holder", 2L, Map.of());
        assertThat(read.getBalance()).isEqualByComparingTo("-2000");
        assertThat(read.getAvailable()).isEqualByComparingTo("3000");
        assertThat(read.getKind()).hasToString("CUSTOMER");
        assertThat(read.getStatus()).hasToString("OPEN");
        assertThat(holderReadsAlice(null, alice + "@2").getVersion()).isEqualTo(2L);

        AccountAnswer behind = apis.accountReads(DemoClient.HOLDER).getAccount(alice, alice + "@9", null, 0L, null);
        assertThat(behind.getProcessing()).isEqualTo(true);
        assertThat(behind).extracting(AccountAnswer::getAccountId, AccountAnswer::getReachedVersion,
                                      AccountAnswer::getAwaitedVersion, AccountAnswer::getBalance)
                          .containsExactly(alice, 2L, 9L, null);

        StatementAnswer newest = apis.accountReads(DemoClient.HOLDER).listStatementEntries(
                alice, null, 1, null, null, alice + "@2", null, WAIT, null);
        assertThat(newest.getItems()).singleElement().satisfies(entry -> {
            assertThat(entry).extracting(StatementEntryView::getAmount, StatementEntryView::getBalanceAfter,
                                         StatementEntryView::getTransferId, StatementEntryView::getInitiatedBy,
                                         StatementEntryView::getSequence)
                             .containsExactly(12_000L, -2_000L, null, "ledger-treasury", 2L);
            assertThat(entry.getDirection()).hasToString("DEBIT");
        });
        assertThat(newest.getNextCursor()).isEqualTo("2");
        StatementAnswer older = apis.accountReads(DemoClient.HOLDER).listStatementEntries(
                alice, "2", 1, null, null, null, null, null, null);
        assertThat(older.getItems()).singleElement().satisfies(entry -> {
            assertThat(entry.getAmount()).isEqualTo(10_000L);
            assertThat(entry.getDirection()).hasToString("CREDIT");
            assertThat(entry.getBalanceAfter()).isEqualTo(10_000L);
        });
        assertThat(older.getNextCursor()).isNull();

        // the cursor is the id the page starts after, so this run's accounts come first from its prefix on
        List<AccountView> mine = apis.accountReads(DemoClient.AUDITOR).listAccounts(
                "EUR", ids.prefix(), 50, null, null, null, null, null).getItems();
        assertThat(mine).first().satisfies(account -> {
            assertThat(account.getAccountId()).isEqualTo(alice);
            assertThat(account.getBalance()).isEqualByComparingTo("-2000");
        });
        AccountView world = apis.accountReads(DemoClient.AUDITOR).listAccounts(
                "EUR", "world:", 1, null, null, null, null, null).getItems().get(0);
        assertThat(world).extracting(AccountView::getAccountId, AccountView::getOwner, AccountView::getVersion)
                         .containsExactly("world:EUR", null, -1L);
        assertThat(world.getKind()).hasToString("SYSTEM");
    }

    @Test
    @Order(2)
    void transfers() throws Exception {
        apis.accounts(DemoClient.HOLDER_2).openAccount(newKey(), new OpenAccountRequest().accountId(bob)
                                                                                          .currency("EUR"), null);
        String t1 = ids.id("t-1");
        CommandAccepted requested = apis.transfers(DemoClient.HOLDER).requestTransfer(
                newKey(), transfer(t1, alice, bob, 1500).reference("rent"), ids.id("tour-2"));
        assertThat(requested).extracting(CommandAccepted::getId, CommandAccepted::getTransferId,
                                         CommandAccepted::getVersion, CommandAccepted::getConsistencyToken)
                             .containsExactly(t1, t1, 2L, t1 + "@2");

        TransferAnswer completed = apis.transferReads(DemoClient.HOLDER).getTransfer(t1, t1 + "@2", null, WAIT, null);
        assertThat(completed.getProcessing()).isEqualTo(false);
        assertThat(completed).extracting(TransferAnswer::getSourceAccountId, TransferAnswer::getDestinationAccountId,
                                         TransferAnswer::getAmount, TransferAnswer::getCurrency,
                                         TransferAnswer::getReference, TransferAnswer::getCorrelationId,
                                         TransferAnswer::getRequestedBy, TransferAnswer::getVersion)
                             .containsExactly(alice, bob, 1500L, "EUR", "rent", ids.id("tour-2"), "ledger-holder", 2L);
        assertThat(completed.getStatus()).hasToString("COMPLETED");
        assertThat(completed.getSteps()).extracting(TransferStepView::getStatus)
                                        .containsExactly("REQUESTED", "SCREENING", "SOURCE_DEBITED",
                                                         "DESTINATION_CREDITED", "COMPLETED");
        assertThat(completed.getScreening().getDecision()).hasToString("PASSED");
        assertThat(completed.getScreening().getHits()).isEmpty();

        assertThat(apis.transferReads(DemoClient.HOLDER).listTransfers(alice, "COMPLETED", null, 20, null, null, null,
                                                                       null, null).getItems())
                .extracting(view -> view.getTransferId()).contains(t1);

        // bob's holder sees the transfer (a party to it), not alice's account: that answers as an unknown one does
        assertThat(apis.transferReads(DemoClient.HOLDER_2).getTransfer(t1, null, null, null, null).getTransferId())
                .isEqualTo(t1);
        assertRefused(() -> apis.accountReads(DemoClient.HOLDER_2).getAccount(alice, null, null, null, null),
                      404, "ACCOUNT_NOT_FOUND");
        assertRefused(() -> apis.transfers(DemoClient.HOLDER_2).requestTransfer(
                              newKey(), transfer(null, alice, bob, 1), null),
                      422, "UNKNOWN_ACCOUNT");
    }

    @Test
    @Order(3)
    void screeningDeniesAnOwnerOnTheDenyList() throws Exception {
        String mallory = ids.id("mallory");
        apis.accounts(DemoClient.HOLDER_2).openAccount(newKey(), new OpenAccountRequest().accountId(mallory)
                                                                                          .currency("EUR")
                                                                                          .ownerRef("sanctioned-owner"),
                                                       null);
        String t2 = ids.id("t-2");
        apis.transfers(DemoClient.HOLDER).requestTransfer(newKey(), transfer(t2, alice, mallory, 100), null);

        TransferAnswer asPayer = apis.transferReads(DemoClient.HOLDER).getTransfer(t2, t2 + "@2", null, WAIT, null);
        assertThat(asPayer.getStatus()).hasToString("REJECTED");
        assertThat(asPayer.getScreening().getDecision()).hasToString("DENIED");
        // a party sees the decision, not the rules that fired (telling it the counterparty is listed is tipping off)
        assertThat(asPayer.getScreening().getHits()).isEmpty();
        TransferAnswer asCompliance = apis.transferReads(DemoClient.COMPLIANCE).getTransfer(t2, null, null, null, null);
        assertThat(asCompliance.getScreening().getHits()).singleElement().satisfies(hit -> {
            assertThat(hit.getRule()).isEqualTo("deny-list");
            assertThat(hit.getOutcome()).hasToString("DENIED");
            assertThat(hit.getInputs()).containsEntry("party", "destination")
                                       .containsEntry("ownerRef", "sanctioned-owner");
        });
    }

    @Test
    @Order(4)
    void manualReviewWithFourEyes() throws Exception {
        apis.accounts(DemoClient.TREASURY).depositMoney(alice, newKey(), eur(2_000_000), null);
        String t3 = ids.id("t-3");
        apis.transfers(DemoClient.HOLDER).requestTransfer(newKey(), transfer(t3, alice, bob, 1_500_000), null);
        // the shared ledger expires a review after 3 s: the decision follows at once
        TransferAnswer inReview = apis.transferReads(DemoClient.HOLDER).getTransfer(t3, t3 + "@1", null, WAIT, null);
        assertThat(inReview.getStatus()).hasToString("IN_REVIEW");
        assertThat(inReview.getVersion()).isEqualTo(1L);
        assertThat(holderReadsAlice(alice + "@5", null).getHeld()).isEqualTo(1_500_000L);

        CommandAccepted approved = apis.transfers(DemoClient.COMPLIANCE_2).reviewTransfer(
                t3, newKey(), new ReviewRequest().decision(DecisionEnum.APPROVE).note("known customer"), "\"1\"", null);
        assertThat(approved).extracting(CommandAccepted::getId, CommandAccepted::getVersion,
                                        CommandAccepted::getConsistencyToken)
                            .containsExactly(t3, 3L, t3 + "@3");
        assertThat(apis.transferReads(DemoClient.HOLDER).getTransfer(t3, t3 + "@3", null, WAIT, null).getStatus())
                .hasToString("COMPLETED");
        TransferAnswer asCompliance = apis.transferReads(DemoClient.COMPLIANCE).getTransfer(t3, null, null, null, null);
        assertThat(asCompliance.getScreening().getReviewer()).isEqualTo("ledger-compliance-2");
        assertThat(asCompliance.getScreening().getReviewNote()).isEqualTo("known customer");
        assertThat(asCompliance.getScreening().getHits()).extracting(ScreeningRuleHit::getRule).isNotEmpty();
    }

    @Test
    @Order(5)
    void aFrozenDestinationRefusesTheTransfer() throws Exception {
        CommandAccepted frozen = apis.accounts(DemoClient.COMPLIANCE).freezeAccount(
                bob, null, null, null, new AccountLifecycleRequest().reason("aml check"));
        assertThat(frozen.getAccountId()).isEqualTo(bob);
        String t4 = ids.id("t-4");
        apis.transfers(DemoClient.HOLDER).requestTransfer(newKey(), transfer(t4, alice, bob, 100), null);

        TransferAnswer asPayer = apis.transferReads(DemoClient.HOLDER).getTransfer(t4, t4 + "@2", null, WAIT, null);
        assertThat(asPayer.getStatus()).hasToString("REJECTED");
        assertThat(asPayer.getSteps()).extracting(TransferStepView::getReason).contains("COUNTERPARTY_REFUSED");
        List<TransferStepView> asCompliance = apis.transferReads(DemoClient.COMPLIANCE)
                                                  .getTransfer(t4, null, null, null, null).getSteps();
        apis.accounts(DemoClient.COMPLIANCE).unfreezeAccount(bob, null, null, null, new AccountLifecycleRequest());
        assertThat(asCompliance).extracting(TransferStepView::getReason)
                                .anySatisfy(reason -> assertThat(reason).startsWith("ACCOUNT_FROZEN"));
    }

    @Test
    @Order(6)
    void refunds() throws Exception {
        String t1 = ids.id("t-1");
        String r1 = ids.id("r-1");
        CommandAccepted first = apis.refunds(DemoClient.HOLDER_2).refundTransfer(
                t1, newKey(), new RefundRequest().refundId(r1).amount(500L).reference("returned item"), null);
        assertThat(first).extracting(CommandAccepted::getId, CommandAccepted::getVersion,
                                     CommandAccepted::getConsistencyToken)
                         .containsExactly(r1, 3L, r1 + "@3");
        var tooMuch = assertRefused(() -> apis.refunds(DemoClient.HOLDER_2).refundTransfer(
                t1, newKey(), new RefundRequest().amount(1001L), null), 422, "REFUND_EXCEEDS_ORIGINAL");
        assertThat(tooMuch.detail()).contains("at most 1000");
        String r2 = ids.id("r-2");
        assertThat(apis.refunds(DemoClient.HOLDER_2).refundTransfer(t1, newKey(), new RefundRequest().refundId(r2),
                                                                    null).getId()).isEqualTo(r2);

        TransferAnswer refund = apis.transferReads(DemoClient.HOLDER).getTransfer(r1, r1 + "@3", null, WAIT, null);
        assertThat(refund).extracting(TransferAnswer::getSourceAccountId, TransferAnswer::getDestinationAccountId,
                                      TransferAnswer::getAmount, TransferAnswer::getReference,
                                      TransferAnswer::getRequestedBy, TransferAnswer::getRefundOf,
                                      TransferAnswer::getRefundedAmount)
                          .containsExactly(bob, alice, 500L, "returned item", "ledger-holder-2", t1, 0L);
        assertThat(refund.getStatus()).hasToString("COMPLETED");
        TransferAnswer original = apis.transferReads(DemoClient.HOLDER).getTransfer(t1, t1 + "@6", null, WAIT, null);
        assertThat(original.getRefundedAmount()).isEqualTo(1500L);
        assertThat(original.getRefunds()).extracting(r -> r.getTransferId() + " " + r.getAmount() + " " + r.getStatus())
                                         .containsExactly(r1 + " 500 COMPLETED", r2 + " 1000 COMPLETED");
    }

    @Test
    @Order(7)
    void metadata() throws Exception {
        String savings = ids.id("alice-savings");
        String customer = ids.id("cust-42");
        String order = ids.id("A-1001");
        assertAccepted(apis.accounts(DemoClient.HOLDER).openAccount(
                newKey(), new OpenAccountRequest().accountId(savings).currency("EUR")
                                                  .metadata(Map.of("customerId", customer, "purpose", "savings")),
                null), savings, 0);
        String t5 = ids.id("t-5");
        TransferRequest labelled = transfer(t5, alice, bob, 2500).reference("invoice A-1001")
                                                                 .metadata(Map.of("orderId", order, "channel", "web"));
        assertThat(apis.transfers(DemoClient.HOLDER).requestTransfer(newKey(), labelled, null).getVersion())
                .isEqualTo(2L);
        assertThat(apis.transferReads(DemoClient.HOLDER_2).getTransfer(t5, t5 + "@2", null, WAIT, null).getMetadata())
                .isEqualTo(Map.of("orderId", order, "channel", "web"));

        // the generated client sends the labels as the repeatable metadata=<key>=<value>, the spelling it can name
        assertThat(apis.transferReads(DemoClient.HOLDER).listTransfers(
                null, null, null, null, t5 + "@2", null, WAIT, List.of("orderId=" + order, "channel=web"), null)
                       .getItems()).extracting(view -> view.getTransferId()).containsExactly(t5);
        assertThat(apis.accountReads(DemoClient.HOLDER).listAccounts(
                null, null, null, savings + "@0", null, WAIT, List.of("customerId=" + customer), null).getItems())
                .extracting(AccountView::getAccountId).containsExactly(savings);

        TransferRequest relabelled = transfer(t5, alice, bob, 2500)
                .reference("invoice A-1001").metadata(Map.of("orderId", "A-1002", "channel", "web"));
        assertRefused(() -> apis.transfers(DemoClient.HOLDER).requestTransfer(newKey(), relabelled, null),
                      409, "TRANSFER_ID_CONFLICT");
        assertRefused(() -> apis.transfers(DemoClient.HOLDER).requestTransfer(
                              newKey(), transfer(null, alice, bob, 1).metadata(Map.of("order id", "A-1003")), null),
                      400, "METADATA_INVALID");
        assertRefused(() -> apis.transferReads(DemoClient.HOLDER).listTransfers(
                              null, null, null, null, null, null, null, List.of("orderId=A-1001", "orderId=A-1002"),
                              null),
                      400, "METADATA_INVALID");
    }

    @Test
    @Order(8)
    void authorizations() throws Exception {
        // t-5's posting on alice is the version before the reservation's, as the transfer itself says
        TransferAnswer t5 = apis.transferReads(DemoClient.HOLDER).getTransfer(ids.id("t-5"), null, null, null, null);
        long before = Long.parseLong(t5.getAccountVersions().get(0).substring(alice.length() + 1));
        assertThat(t5.getAccountVersions()).containsExactly(alice + "@" + before);

        String au1 = ids.id("au-1");
        AuthorizationAccepted placed = apis.authorizations(DemoClient.HOLDER).placeAuthorization(
                alice, newKey(), new AuthorizeRequest().authorizationId(au1).amount(5000L).currency("EUR")
                                                       .destinationAccountId(bob).timeout("PT1H")
                                                       .reference("order 7"), null);
        assertThat(placed).extracting(AuthorizationAccepted::getId, AuthorizationAccepted::getVersion,
                                      AuthorizationAccepted::getConsistencyToken, AuthorizationAccepted::getRemaining)
                          .containsExactly(au1, 0L, au1 + "@0", 5000L);
        assertThat(placed.getStatus()).hasToString("OPEN");
        AccountAnswer reserved = holderReadsAlice(alice + "@" + (before + 1), null);
        assertThat(reserved.getHeld()).isEqualTo(5000L);
        // available: the balance plus the 5000 overdraft, minus the 5000 held; the balance itself stays
        assertThat(reserved.getAvailable()).isEqualByComparingTo(reserved.getBalance());

        AuthorizationAccepted captured = apis.authorizations(DemoClient.HOLDER).captureAuthorization(
                au1, newKey(), new CaptureRequest().captureId("c-1").amount(2000L), null);
        assertThat(captured).extracting(AuthorizationAccepted::getCaptureId, AuthorizationAccepted::getVersion,
                                        AuthorizationAccepted::getRemaining)
                            .containsExactly("c-1", 1L, 3000L);
        var beyond = assertRefused(() -> apis.authorizations(DemoClient.TREASURY).captureAuthorization(
                au1, newKey(), new CaptureRequest().captureId("c-2").amount(4000L), null),
                                   422, "CAPTURE_EXCEEDS_AUTHORIZATION");
        assertThat(beyond.detail()).contains("3000");
        AuthorizationAccepted voided = apis.authorizations(DemoClient.HOLDER).voidAuthorization(au1, newKey(), null);
        assertThat(voided).extracting(AuthorizationAccepted::getVersion, AuthorizationAccepted::getRemaining)
                          .containsExactly(2L, 0L);
        assertThat(voided.getStatus()).hasToString("VOIDED");

        AuthorizationAnswer read = apis.authorizationReads(DemoClient.HOLDER).getAuthorization(au1, au1 + "@2", null,
                                                                                               WAIT, null);
        assertThat(read).extracting(AuthorizationAnswer::getAccountId, AuthorizationAnswer::getDestinationAccountId,
                                    AuthorizationAnswer::getAmount, AuthorizationAnswer::getCapturedAmount,
                                    AuthorizationAnswer::getRemainingAmount, AuthorizationAnswer::getReference)
                        .containsExactly(alice, bob, 5000L, 2000L, 0L, "order 7");
        assertThat(read.getStatus()).hasToString("VOIDED");
        assertThat(read.getCaptures()).extracting(c -> c.getCaptureId() + " " + c.getDestinationAccountId() + " "
                                                       + c.getAmount())
                                      .containsExactly("c-1 " + bob + " 2000");
        assertThat(apis.authorizationReads(DemoClient.HOLDER).listAccountAuthorizations(
                alice, "OPEN", null, 20, au1 + "@2", null, WAIT, null).getItems()).isEmpty();
    }

    @Test
    @Order(9)
    void readYourWritesAcrossReadModels() throws Exception {
        String t1 = ids.id("t-1");
        TransferAnswer asAuditor = apis.transferReads(DemoClient.AUDITOR).getTransfer(t1, null, null, null, null);
        assertThat(asAuditor.getAccountVersions()).containsExactly(alice + "@3", bob + "@1");
        assertThat(asAuditor.getPostingsToken()).matches("@\\d+");
        assertThat(apis.transferReads(DemoClient.HOLDER_2).getTransfer(t1, null, null, null, null)
                       .getAccountVersions()).containsExactly(bob + "@1");
        AccountAnswer payee = apis.accountReads(DemoClient.HOLDER_2).getAccount(bob, bob + "@1", null, WAIT, null);
        assertThat(payee.getProcessing()).isEqualTo(false);
        assertThat(payee.getVersion()).isGreaterThanOrEqualTo(1L);

        String t3 = ids.id("t-3");
        String postings = apis.transferReads(DemoClient.HOLDER).getTransfer(t3, null, null, null, null)
                              .getPostingsToken();
        StatementAnswer sinceReview = apis.accountReads(DemoClient.HOLDER).listStatementEntries(
                alice, null, 50, null, null, postings, null, WAIT, null);
        assertThat(sinceReview.getProcessing()).isEqualTo(false);
        assertThat(sinceReview.getItems()).extracting(StatementEntryView::getEntryId).contains(t3 + ":debit");

        AccountAnswer unreached = holderReadsAlice("@999999999", null, 0L);
        assertThat(unreached.getProcessing()).isEqualTo(true);
        assertThat(unreached.getAwaitedPosition()).isEqualTo(999_999_999L);
        assertRefused(() -> holderReadsAlice("@latest", null, 0L), 400, "INVALID_CONSISTENCY_TOKEN");
    }

    @Test
    @Order(10)
    void balanceHistory() throws Exception {
        var history = apis.accountReads(DemoClient.HOLDER);
        BalanceAnswer inReview = history.getBalance(alice, null, "5", null, null, WAIT, null);
        assertThat(inReview).extracting(BalanceAnswer::getHeld, BalanceAnswer::getVersion)
                            .containsExactly(1_500_000L, 5L);
        assertThat(inReview.getBalance()).isEqualByComparingTo("1996500");
        assertThat(inReview.getAvailable()).isEqualByComparingTo("501500");
        OffsetDateTime at = inReview.getAt();
        assertThat(history.getBalance(alice, at, null, null, null, null, null).getVersion()).isEqualTo(5L);
        assertThat(history.getBalance(alice, null, null, null, null, null, null).getVersion()).isGreaterThan(5L);

        assertRefused(() -> history.getBalance(alice, OffsetDateTime.parse("2000-01-01T00:00:00Z"), null, null, null,
                                               null, null), 404, "NO_BALANCE_AT");
        BalanceAnswer ahead = history.getBalance(alice, null, "99", null, null, 0L, null);
        assertThat(ahead.getProcessing()).isEqualTo(true);
        assertThat(ahead.getAwaitedVersion()).isEqualTo(99L);
        assertRefused(() -> history.getBalance(alice, null, "-1", null, null, null, null), 400, "VALIDATION_FAILED");

        List<StatementEntryView> since = history.listStatementEntries(alice, null, 50, at, null, null, null, null, null)
                                                .getItems();
        assertThat(since).last().satisfies(entry -> {
            assertThat(entry.getEntryId()).isEqualTo(ids.id("t-3") + ":debit");
            assertThat(entry.getAmount()).isEqualTo(1_500_000L);
        });
    }

    @Test
    @Order(11)
    void aRetryWithTheSameKeyIsAnsweredAgain() throws Exception {
        String key = newKey();
        var first = apis.accounts(DemoClient.TREASURY).depositMoneyWithHttpInfo(alice, key, eur(500), null);
        var again = apis.accounts(DemoClient.TREASURY).depositMoneyWithHttpInfo(alice, key, eur(500), null);
        assertThat(again.getStatusCode()).isEqualTo(202);
        assertThat(again.getData()).isEqualTo(first.getData());
        assertThat(again.getHeaders().get("Idempotent-Replayed")).containsExactly("true");
        assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    }

    private static AccountAnswer holderReadsAlice(String after, String tokenHeader) throws Exception {
        return holderReadsAlice(after, tokenHeader, WAIT);
    }

    private static AccountAnswer holderReadsAlice(String after, String tokenHeader, long wait) throws Exception {
        return apis.accountReads(DemoClient.HOLDER).getAccount(alice, after, tokenHeader, wait, null);
    }

    private static TransferRequest transfer(String id, String source, String destination, long amount) {
        return ClientFixtures.transfer(source, destination, amount).transferId(id);
    }

    private static void assertAccepted(CommandAccepted accepted, String account, long version) {
        assertThat(accepted).extracting(CommandAccepted::getId, CommandAccepted::getAccountId,
                                        CommandAccepted::getVersion, CommandAccepted::getConsistencyToken)
                            .containsExactly(account, account, version, account + "@" + version);
    }
}
