package dev.ledger.query.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.query.AccountView;
import dev.ledger.api.query.FindAccountQuery;
import dev.ledger.api.query.FindStatementQuery;
import dev.ledger.api.query.FindTransferQuery;
import dev.ledger.api.query.StatementEntryView;
import dev.ledger.api.query.StatementPage;
import dev.ledger.api.query.TransferStepView;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.DomainEvents;
import dev.ledger.query.support.ProjectionDriver;
import dev.ledger.query.support.QuerySideIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The account summary, statement and transfer projections on real PostgreSQL, fed either through the event store
 * (as in production) or, where a test needs an order or a repetition the store cannot produce, straight into the
 * processing groups' handlers ({@link ProjectionDriver}). Each test uses a currency of its own, so it can check
 * that currency's double-entry sum in isolation.
 */
class TransferProjectionIntegrationTest extends QuerySideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private QueryGateway queries;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private JdbcTemplate jdbc;

    private ProjectionDriver driver;

    @BeforeEach
    void setUp() {
        driver = new ProjectionDriver(processing, transactionManager);
    }

    @Test
    void shouldSequenceTheTransfersGroupByTransfer() {
        assertThat(processing.sequencingPolicy(ProcessingGroups.TRANSFERS))
                .isInstanceOf(TransferSequencingPolicy.class);
    }

    /** (a) the realistic path: events appended to the event store, picked up by the pooled processors. */
    @Test
    void shouldProjectAHappyTransferFromTheEventStoreIntoAllReadModels() {
        Ids ids = new Ids("EUR");
        DomainEvents events = new DomainEvents(now(), "corr-" + ids.transfer);
        happyTransfer(events, ids);

        eventStore.publish(events.all());

        TransferView transfer = awaitTransfer(ids.transfer, events.versionOf(ids.transfer));
        assertThat(transfer.status()).isEqualTo("COMPLETED");
        assertThat(transfer.sourceAccountId()).isEqualTo(ids.source);
        assertThat(transfer.destinationAccountId()).isEqualTo(ids.destination);
        assertThat(transfer.amount()).isEqualTo(3_000);
        assertThat(transfer.currency()).isEqualTo("EUR");
        assertThat(transfer.reference()).isEqualTo("rent");
        assertThat(transfer.correlationId()).isEqualTo("corr-" + ids.transfer);
        assertThat(transfer.requestedBy()).isEqualTo(ids.sourceOwner);
        assertThat(transfer.version()).isEqualTo(2);
        assertThat(transfer.screening().decision()).isEqualTo("PASSED");
        assertThat(transfer.screening().hits()).isEmpty();
        assertThat(stepNames(transfer)).containsExactly("REQUESTED", "SCREENING", "FUNDS_RESERVED",
                                                        "DESTINATION_CREDITED", "SOURCE_DEBITED", "COMPLETED");
        assertThat(transfer.steps()).extracting(TransferStepView::at).isSorted();

        AccountView source = awaitAccount(ids.source, events.versionOf(ids.source));
        AccountView destination = awaitAccount(ids.destination, events.versionOf(ids.destination));
        assertThat(source.balance()).isEqualTo(7_000);
        assertThat(source.held()).isZero();
        assertThat(source.available()).isEqualTo(7_000);
        assertThat(destination.balance()).isEqualTo(3_000);
        assertThat(destination.held()).isZero();
        assertThat(destination.status()).isEqualTo("FROZEN");
        assertThat(source.owner()).isEqualTo(ids.sourceOwner);
        assertThat(destination.owner()).isEqualTo(ids.destinationOwner);
        assertThat(account(LedgerIds.transitAccountOf("EUR")).orElseThrow().balance()).isZero();
        assertThat(account(LedgerIds.transitAccountOf("EUR")).orElseThrow().owner()).as("system accounts").isNull();
        assertThat(account(LedgerIds.transitAccountOf("EUR")).orElseThrow().kind()).isEqualTo("SYSTEM");
        assertThat(account(LedgerIds.systemAccountOf("EUR")).orElseThrow().balance()).isEqualTo(-10_000);
        assertThat(sumOfCurrency("EUR")).isZero();

        StatementPage sourceStatement = awaitStatement(ids.source, events.versionOf(ids.source));
        assertThat(sourceStatement.items()).extracting(StatementEntryView::direction, StatementEntryView::amount,
                                                       StatementEntryView::balanceAfter,
                                                       StatementEntryView::transferId,
                                                       StatementEntryView::initiatedBy)
                .containsExactly(tuple("DEBIT", 3_000L, 7_000L, ids.transfer, ids.sourceOwner),
                                 tuple("CREDIT", 10_000L, 10_000L, null, ids.treasury));
        StatementPage destinationStatement = awaitStatement(ids.destination, events.versionOf(ids.destination));
        assertThat(destinationStatement.items()).extracting(StatementEntryView::direction,
                                                            StatementEntryView::balanceAfter,
                                                            StatementEntryView::transferId,
                                                            StatementEntryView::entryId,
                                                            StatementEntryView::initiatedBy)
                .as("the credit names who requested the transfer, not the account's owner")
                .containsExactly(tuple("CREDIT", 3_000L, ids.transfer, "credit-" + ids.transfer, ids.sourceOwner));
        assertThat(destinationStatement.appliedSequence()).isEqualTo(2); // the freeze posts nothing but counts
    }

    /**
     * A transfer that commits once (request, screening, debit, credit, completion), its events applied one by one
     * as a batch boundary inside the commit would show them: once any money has moved, the transfer reads
     * {@code COMPLETED}, never a status in between; the timeline tells the story in order, and the debit is a
     * posting on the source's statement and summary without touching its holds.
     */
    @Test
    void shouldShowATransferPostedInOneCommitAsCompletedFromItsFirstPostedLeg() {
        Ids ids = new Ids("UAH");
        DomainEvents events = new DomainEvents(now(), "corr-" + ids.transfer);
        Money amount = new Money(3_000, ids.currency);
        String transit = LedgerIds.transitAccountOf(ids.currency);
        events.account(ids.source, new AccountOpenedEvent(ids.source, ids.currency, 0, null, null));
        events.account(ids.source, new MoneyDepositedEvent(ids.source, "dep-" + ids.suffix,
                                                           new Money(10_000, ids.currency), 10_000,
                                                           LedgerIds.systemAccountOf(ids.currency)));
        events.account(ids.source, new HoldPlacedEvent(ids.source, "h-other", "other-" + ids.suffix,
                                                       new Money(1_000, ids.currency), 1_000));
        events.account(ids.destination, new AccountOpenedEvent(ids.destination, ids.currency, 0, null, null));
        deliverToAllGroups(events.all());
        int before = events.all().size();

        DomainEventMessage<?> requested = events.transfer(ids.transfer, new TransferRequestedEvent(
                ids.transfer, ids.source, ids.destination, amount, "rent", null, null, null));
        DomainEventMessage<?> screened = events.transfer(ids.transfer, new TransferScreenedEvent(
                ids.transfer, ScreeningDecision.PASSED, List.of()));
        DomainEventMessage<?> debited = events.account(ids.source, new TransferDebitedEvent(
                ids.source, ids.transfer, ids.transfer + ":debit", amount, 7_000, transit));
        DomainEventMessage<?> credited = events.account(ids.destination, new TransferCreditedEvent(
                ids.destination, ids.transfer, ids.transfer + ":credit", amount, 3_000, transit));
        DomainEventMessage<?> completed = events.transfer(ids.transfer, new TransferCompletedEvent(
                ids.transfer, ids.source, ids.destination, amount));
        assertThat(events.all().subList(before, events.all().size()))
                .containsExactly(requested, screened, debited, credited, completed);

        deliverToAllGroups(List.of(requested, screened));
        assertThat(transfer(ids.transfer).orElseThrow().status()).isEqualTo("SCREENING");
        deliverToAllGroups(List.of(debited));
        TransferView afterDebit = transfer(ids.transfer).orElseThrow();
        assertThat(afterDebit.status()).as("money moved").isEqualTo("COMPLETED");
        assertThat(afterDebit.version()).as("the transfer's own stream is not there yet").isEqualTo(1);
        assertThat(stepNames(afterDebit)).doesNotContain("FUNDS_RESERVED", "COMPLETED");
        deliverToAllGroups(List.of(credited));
        assertThat(transfer(ids.transfer).orElseThrow().status()).isEqualTo("COMPLETED");
        deliverToAllGroups(List.of(completed, debited, credited));

        TransferView transfer = transfer(ids.transfer).orElseThrow();
        assertThat(transfer.status()).isEqualTo("COMPLETED");
        assertThat(transfer.version()).isEqualTo(2);
        assertThat(stepNames(transfer)).containsExactly("REQUESTED", "SCREENING", "SOURCE_DEBITED",
                                                        "DESTINATION_CREDITED", "COMPLETED");
        AccountView source = account(ids.source).orElseThrow();
        assertThat(source.balance()).isEqualTo(7_000);
        assertThat(source.held()).as("the other transfer's hold is untouched").isEqualTo(1_000);
        assertThat(source.version()).isEqualTo(events.versionOf(ids.source));
        assertThat(account(ids.destination).orElseThrow().balance()).isEqualTo(3_000);
        assertThat(account(transit).orElseThrow().balance()).isZero();
        assertThat(sumOfCurrency(ids.currency)).isZero();
        assertThat(statement(ids.source).items()).extracting(StatementEntryView::entryId,
                                                             StatementEntryView::direction,
                                                             StatementEntryView::balanceAfter,
                                                             StatementEntryView::transferId)
                .first().isEqualTo(tuple(ids.transfer + ":debit", "DEBIT", 7_000L, ids.transfer));
    }

    /**
     * Screened for review, the hold commits with the screening: the transfer waits for its reviewer IN_REVIEW
     * (a review queue lists it), with the reservation as a step; the approval commits capture, credit and
     * completion; a rejection (or a review that timed out) commits with the release.
     */
    @Test
    void shouldKeepATransferHeldForReviewInReviewUntilTheReviewerDecides() {
        Ids ids = new Ids("MKD");
        DomainEvents events = new DomainEvents(now(), "corr-" + ids.transfer);
        Money amount = new Money(3_000, ids.currency);
        String transit = LedgerIds.transitAccountOf(ids.currency);
        String approved = ids.transfer + "-a";
        String rejected = ids.transfer + "-r";
        events.account(ids.source, new AccountOpenedEvent(ids.source, ids.currency, 0, null, null));
        events.account(ids.source, new MoneyDepositedEvent(ids.source, "dep-" + ids.suffix,
                                                           new Money(10_000, ids.currency), 10_000,
                                                           LedgerIds.systemAccountOf(ids.currency)));
        events.account(ids.destination, new AccountOpenedEvent(ids.destination, ids.currency, 0, null, null));
        for (String id : List.of(approved, rejected)) {
            events.transfer(id, new TransferRequestedEvent(id, ids.source, ids.destination, amount, null, null, null,
                                                           null));
            events.transfer(id, new TransferScreenedEvent(id, ScreeningDecision.REVIEW, List.of(threshold())));
        }
        events.account(ids.source, new HoldPlacedEvent(ids.source, approved + ":hold", approved, amount, 3_000));
        events.account(ids.source, new HoldPlacedEvent(ids.source, rejected + ":hold", rejected, amount, 6_000));
        deliverToAllGroups(events.all());
        for (String id : List.of(approved, rejected)) {
            TransferView waiting = transfer(id).orElseThrow();
            assertThat(waiting.status()).isEqualTo("IN_REVIEW");
            assertThat(stepNames(waiting)).containsExactly("REQUESTED", "SCREENING", "IN_REVIEW", "FUNDS_RESERVED");
        }
        int before = events.all().size();

        events.transfer(approved, new TransferApprovedEvent(approved, "rita", "known customer"));
        events.account(ids.source, new HoldCapturedEvent(ids.source, approved + ":hold", approved,
                                                         approved + ":debit", amount, 7_000, 3_000, transit));
        events.account(ids.destination, new TransferCreditedEvent(ids.destination, approved, approved + ":credit",
                                                                  amount, 3_000, transit));
        events.transfer(approved, new TransferCompletedEvent(approved, ids.source, ids.destination, amount));
        events.transfer(rejected, new TransferRejectedEvent(rejected, RejectionReason.REVIEW_TIMED_OUT, null));
        events.account(ids.source, new HoldReleasedEvent(ids.source, rejected + ":hold", rejected, amount, 0,
                                                         "REVIEW_TIMED_OUT"));
        deliverToAllGroups(events.all().subList(before, events.all().size()));

        TransferView done = transfer(approved).orElseThrow();
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(stepNames(done)).containsExactly("REQUESTED", "SCREENING", "IN_REVIEW", "FUNDS_RESERVED",
                                                    "APPROVED", "SOURCE_DEBITED", "DESTINATION_CREDITED",
                                                    "COMPLETED");
        TransferView refused = transfer(rejected).orElseThrow();
        assertThat(refused.status()).isEqualTo("REJECTED");
        assertThat(stepNames(refused)).containsExactly("REQUESTED", "SCREENING", "IN_REVIEW", "FUNDS_RESERVED",
                                                       "REJECTED", "FUNDS_RELEASED");
        AccountView source = account(ids.source).orElseThrow();
        assertThat(source.balance()).isEqualTo(7_000);
        assertThat(source.held()).isZero();
        assertThat(sumOfCurrency(ids.currency)).isZero();
    }

    /**
     * (b) at-least-once delivery. Duplicates cannot be produced through the event store (its unique constraints
     * reject a second event with the same aggregate sequence, and a copy with another sequence would be a
     * different event), so every event goes straight to the three processing groups' own handlers: first each
     * one twice in a row, then the whole history once more after it (what a token reset without a reset handler
     * would redeliver). The read models must be the expected ones after the first round and unchanged by the
     * second.
     */
    @Test
    void shouldEndInTheSameReadModelsWhenEveryEventIsDeliveredTwice() {
        Ids ids = new Ids("CHF");
        DomainEvents events = new DomainEvents(now(), "corr-dup");
        String third = "closed-" + ids.suffix;
        List<String> transfers = everyOutcome(events, ids, third);
        List<String> accounts = List.of(ids.source, ids.destination, third, LedgerIds.systemAccountOf("CHF"),
                                        LedgerIds.transitAccountOf("CHF"));

        for (DomainEventMessage<?> event : events.all()) {
            deliverToAllGroups(List.of(event, event));
        }
        Map<String, Object> afterFirstRound = snapshot(accounts, transfers);
        deliverToAllGroups(events.all());
        Map<String, Object> afterSecondRound = snapshot(accounts, transfers);

        assertThat(afterSecondRound).isEqualTo(afterFirstRound);
        AccountView source = account(ids.source).orElseThrow();
        assertThat(source.balance()).isEqualTo(7_000);
        assertThat(source.held()).isZero();
        assertThat(source.version()).isEqualTo(events.versionOf(ids.source));
        AccountView destination = account(ids.destination).orElseThrow();
        assertThat(destination.balance()).isEqualTo(3_000);
        assertThat(destination.status()).isEqualTo("OPEN");
        assertThat(account(third).orElseThrow().status()).isEqualTo("CLOSED");
        assertThat(account(LedgerIds.transitAccountOf("CHF")).orElseThrow().balance()).isZero();
        assertThat(account(LedgerIds.systemAccountOf("CHF")).orElseThrow().balance()).isEqualTo(-10_000);
        assertThat(sumOfCurrency("CHF")).isZero();
        assertThat(statement(ids.source).items()).hasSize(2);
        assertThat(statement(ids.source).appliedSequence()).isEqualTo(events.versionOf(ids.source));
        assertThat(statement(ids.destination).items()).hasSize(1);
        assertThat(statement(ids.destination).appliedSequence()).isEqualTo(events.versionOf(ids.destination));

        TransferView reviewed = transfer(transfers.get(0)).orElseThrow();
        assertThat(reviewed.status()).isEqualTo("COMPLETED");
        assertThat(reviewed.version()).isEqualTo(3);
        assertThat(reviewed.screening().decision()).isEqualTo("REVIEW");
        assertThat(reviewed.screening().hits()).containsExactly(threshold());
        assertThat(reviewed.screening().reviewer()).isEqualTo("rita");
        assertThat(reviewed.screening().reviewNote()).isEqualTo("known customer");
        assertThat(stepNames(reviewed)).containsExactly("REQUESTED", "SCREENING", "IN_REVIEW", "APPROVED",
                                                        "FUNDS_RESERVED", "DESTINATION_CREDITED", "SOURCE_DEBITED",
                                                        "COMPLETED");
        TransferView failed = transfer(transfers.get(1)).orElseThrow();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(stepNames(failed)).containsExactly("REQUESTED", "SCREENING", "FUNDS_RESERVED", "CREDIT_REJECTED",
                                                      "FUNDS_RELEASED", "FAILED");
        assertThat(lastStep(failed).reason()).isEqualTo("ACCOUNT_FROZEN: destination frozen");
        TransferView unfunded = transfer(transfers.get(2)).orElseThrow();
        assertThat(unfunded.status()).isEqualTo("REJECTED");
        assertThat(stepNames(unfunded)).containsExactly("REQUESTED", "SCREENING", "HOLD_REJECTED", "REJECTED");
        assertThat(lastStep(unfunded).reason()).isEqualTo("INSUFFICIENT_FUNDS");
        TransferView denied = transfer(transfers.get(3)).orElseThrow();
        assertThat(denied.status()).isEqualTo("REJECTED");
        assertThat(denied.screening().decision()).isEqualTo("DENIED");
        assertThat(stepNames(denied)).containsExactly("REQUESTED", "SCREENING", "REJECTED");
        assertThat(lastStep(denied).reason()).isEqualTo("SCREENING_DENIED: deny-list");
    }

    /**
     * (c) the transfers group is sequenced by transfer, but its handlers do not rely on it: a transfer's account
     * events delivered before its request leave an invisible placeholder, and the request fills it in; a late
     * account event never moves a terminal status back.
     */
    @Test
    void shouldBuildTheSameTransferWhenItsAccountEventsArriveBeforeItsRequest() {
        Ids ids = new Ids("GBP");
        DomainEvents events = new DomainEvents(now(), "corr-early");
        happyTransfer(events, ids);
        List<DomainEventMessage<?>> transferEvents = events.all().stream()
                .filter(e -> TransferSequencingPolicy.transferIdOf(e.getPayload()).isPresent())
                .toList();
        List<DomainEventMessage<?>> ownStream = transferEvents.stream()
                .filter(e -> e.getAggregateIdentifier().equals(ids.transfer)).toList();
        List<DomainEventMessage<?>> accountStreams = transferEvents.stream()
                .filter(e -> !e.getAggregateIdentifier().equals(ids.transfer)).toList();

        driver.deliver(ProcessingGroups.TRANSFERS, accountStreams);
        assertThat(transfer(ids.transfer)).as("a placeholder is not an answer").isEmpty();
        driver.deliver(ProcessingGroups.TRANSFERS, ownStream);

        TransferView transfer = transfer(ids.transfer).orElseThrow();
        assertThat(transfer.status()).isEqualTo("COMPLETED");
        assertThat(transfer.version()).isEqualTo(2);
        assertThat(transfer.sourceAccountId()).isEqualTo(ids.source);
        assertThat(transfer.amount()).isEqualTo(3_000);
        assertThat(transfer.correlationId()).isEqualTo("corr-early");
        assertThat(transfer.requestedAt()).isEqualTo(ownStream.get(0).getTimestamp());
        assertThat(stepNames(transfer)).containsExactly("REQUESTED", "SCREENING", "FUNDS_RESERVED",
                                                        "DESTINATION_CREDITED", "SOURCE_DEBITED", "COMPLETED");

        // the other way round: the outcome first, the reservation late
        Ids late = new Ids("GBP");
        DomainEvents lateEvents = new DomainEvents(now(), "corr-late");
        happyTransfer(lateEvents, late);
        List<DomainEventMessage<?>> ofLate = lateEvents.all().stream()
                .filter(e -> TransferSequencingPolicy.transferIdOf(e.getPayload()).isPresent())
                .toList();
        DomainEventMessage<?> holdPlaced = ofLate.stream().filter(e -> e.getPayload() instanceof HoldPlacedEvent)
                                                 .findFirst().orElseThrow();
        driver.deliver(ProcessingGroups.TRANSFERS, ofLate.stream().filter(e -> e != holdPlaced).toList());
        driver.deliver(ProcessingGroups.TRANSFERS, List.of(holdPlaced));

        TransferView completed = transfer(late.transfer).orElseThrow();
        assertThat(completed.status()).as("terminal statuses never move back").isEqualTo("COMPLETED");
        assertThat(stepNames(completed)).containsExactly("REQUESTED", "SCREENING", "FUNDS_RESERVED",
                                                         "DESTINATION_CREDITED", "SOURCE_DEBITED", "COMPLETED");
    }

    // --- scenarios --------------------------------------------------------------------------------------------

    /** Fresh ids for one scenario. */
    static final class Ids {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String currency;
        final String source = "src-" + suffix;
        final String destination = "dst-" + suffix;
        final String transfer = "tr-" + suffix;
        final String sourceOwner = "holder-src-" + suffix;
        final String destinationOwner = "holder-dst-" + suffix;
        final String treasury = "treasury-" + suffix;

        Ids(String currency) {
            this.currency = currency;
        }
    }

    /**
     * Funds the source, moves 3,000 of 10,000 to the destination, then freezes the destination. Each account is
     * opened by its owner, the deposit is the treasury's, the transfer its source owner's (so both its legs name
     * the requester), the freeze compliance's.
     */
    static void happyTransfer(DomainEvents events, Ids ids) {
        Money amount = new Money(3_000, ids.currency);
        String transit = LedgerIds.transitAccountOf(ids.currency);
        String hold = "hold-" + ids.transfer;
        events.as(ids.sourceOwner)
              .account(ids.source, new AccountOpenedEvent(ids.source, ids.currency, 0, "owner-1", ids.sourceOwner));
        events.as(ids.treasury)
              .account(ids.source, new MoneyDepositedEvent(ids.source, "dep-" + ids.suffix,
                                                           new Money(10_000, ids.currency), 10_000,
                                                           LedgerIds.systemAccountOf(ids.currency)));
        events.as(ids.destinationOwner)
              .account(ids.destination, new AccountOpenedEvent(ids.destination, ids.currency, 0, null,
                                                               ids.destinationOwner));
        events.as(ids.sourceOwner)
              .transfer(ids.transfer, new TransferRequestedEvent(ids.transfer, ids.source, ids.destination, amount,
                                                                 "rent", ids.sourceOwner, ids.sourceOwner,
                                                                 ids.destinationOwner));
        events.transfer(ids.transfer, new TransferScreenedEvent(ids.transfer, ScreeningDecision.PASSED, List.of()));
        events.account(ids.source, new HoldPlacedEvent(ids.source, hold, ids.transfer, amount, 3_000));
        events.account(ids.destination, new TransferCreditedEvent(ids.destination, ids.transfer,
                                                                  "credit-" + ids.transfer, amount, 3_000, transit));
        events.account(ids.source, new HoldCapturedEvent(ids.source, hold, ids.transfer, "debit-" + ids.transfer,
                                                         amount, 7_000, 0, transit));
        events.transfer(ids.transfer, new TransferCompletedEvent(ids.transfer, ids.source, ids.destination, amount));
        events.as("compliance-" + ids.suffix)
              .account(ids.destination, new AccountFrozenEvent(ids.destination, "dispute"));
        events.as(null);
    }

    /**
     * Every handler at least once: a reviewed and approved transfer that completes; one that fails after its
     * credit is refused by a frozen destination (hold released); one refused for insufficient funds; one denied
     * by screening; and an account opened and closed.
     *
     * @return the four transfer ids in that order
     */
    static List<String> everyOutcome(DomainEvents events, Ids ids, String closedAccount) {
        String cur = ids.currency;
        String transit = LedgerIds.transitAccountOf(cur);
        String reviewed = ids.transfer + "-r";
        String failed = ids.transfer + "-f";
        String unfunded = ids.transfer + "-u";
        String denied = ids.transfer + "-d";
        Money three = new Money(3_000, cur);
        Money two = new Money(2_000, cur);
        Money fifty = new Money(50_000, cur);

        events.account(ids.source, new AccountOpenedEvent(ids.source, cur, 0, null, null));
        events.account(ids.source, new MoneyDepositedEvent(ids.source, "dep-" + ids.suffix, new Money(10_000, cur),
                                                           10_000, LedgerIds.systemAccountOf(cur)));
        events.account(ids.destination, new AccountOpenedEvent(ids.destination, cur, 0, null, null));

        events.transfer(reviewed, new TransferRequestedEvent(reviewed, ids.source, ids.destination, three, null, null,
                                                             null, null));
        events.transfer(reviewed, new TransferScreenedEvent(reviewed, ScreeningDecision.REVIEW, List.of(threshold())));
        events.transfer(reviewed, new TransferApprovedEvent(reviewed, "rita", "known customer"));
        events.account(ids.source, new HoldPlacedEvent(ids.source, "h-" + reviewed, reviewed, three, 3_000));
        events.account(ids.destination, new TransferCreditedEvent(ids.destination, reviewed, "c-" + reviewed, three,
                                                                  3_000, transit));
        events.account(ids.source, new HoldCapturedEvent(ids.source, "h-" + reviewed, reviewed, "d-" + reviewed,
                                                         three, 7_000, 0, transit));
        events.transfer(reviewed, new TransferCompletedEvent(reviewed, ids.source, ids.destination, three));

        events.account(ids.destination, new AccountFrozenEvent(ids.destination, "dispute"));
        events.transfer(failed, new TransferRequestedEvent(failed, ids.source, ids.destination, two, null, null,
                                                           null, null));
        events.transfer(failed, new TransferScreenedEvent(failed, ScreeningDecision.PASSED, List.of()));
        events.account(ids.source, new HoldPlacedEvent(ids.source, "h-" + failed, failed, two, 2_000));
        events.account(ids.destination, new TransferCreditRejectedEvent(ids.destination, failed, two,
                                                                        RejectionReason.ACCOUNT_FROZEN));
        events.account(ids.source, new HoldReleasedEvent(ids.source, "h-" + failed, failed, two, 0,
                                                         "credit refused"));
        events.transfer(failed, new TransferFailedEvent(failed, RejectionReason.ACCOUNT_FROZEN, "destination frozen"));
        events.account(ids.destination, new AccountUnfrozenEvent(ids.destination, "resolved"));

        events.transfer(unfunded, new TransferRequestedEvent(unfunded, ids.source, ids.destination, fifty, null, null,
                                                             null, null));
        events.transfer(unfunded, new TransferScreenedEvent(unfunded, ScreeningDecision.PASSED, List.of()));
        events.account(ids.source, new HoldRejectedEvent(ids.source, "h-" + unfunded, unfunded, fifty,
                                                         RejectionReason.INSUFFICIENT_FUNDS));
        events.transfer(unfunded, new TransferRejectedEvent(unfunded, RejectionReason.INSUFFICIENT_FUNDS, null));

        ScreeningRuleHit denyList = new ScreeningRuleHit("deny-list", ScreeningDecision.DENIED,
                                                         Map.of("party", ids.destination));
        events.transfer(denied, new TransferRequestedEvent(denied, ids.source, ids.destination, two, null, null,
                                                           null, null));
        events.transfer(denied, new TransferScreenedEvent(denied, ScreeningDecision.DENIED, List.of(denyList)));
        // the transfer process may also record the denial as a rejection: no second terminal step
        events.transfer(denied, new TransferRejectedEvent(denied, RejectionReason.SCREENING_DENIED, "deny-list"));

        events.account(closedAccount, new AccountOpenedEvent(closedAccount, cur, 0, null, null));
        events.account(closedAccount, new AccountClosedEvent(closedAccount, "customer left"));
        return List.of(reviewed, failed, unfunded, denied);
    }

    static ScreeningRuleHit threshold() {
        return new ScreeningRuleHit("amount-threshold", ScreeningDecision.REVIEW,
                                    Map.of("amount", "3000", "threshold", "2500"));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void deliverToAllGroups(List<DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            for (String group : List.of(ProcessingGroups.ACCOUNT_SUMMARY, ProcessingGroups.ACCOUNT_STATEMENT,
                                        ProcessingGroups.TRANSFERS)) {
                driver.deliver(group, List.of(event));
            }
        }
    }

    /** Every row the three read models hold for these accounts and transfers. */
    private Map<String, Object> snapshot(List<String> accounts, List<String> transfers) {
        String[] accountIds = accounts.toArray(String[]::new);
        String[] transferIds = transfers.toArray(String[]::new);
        return Map.of(
                "account_summary", jdbc.queryForList(
                        "SELECT * FROM ledger_query.account_summary WHERE account_id = ANY (?) ORDER BY account_id",
                        (Object) accountIds),
                "statement_entry", jdbc.queryForList(
                        "SELECT * FROM ledger_query.statement_entry WHERE account_id = ANY (?) "
                                + "ORDER BY account_id, sequence", (Object) accountIds),
                "statement_head", jdbc.queryForList(
                        "SELECT * FROM ledger_query.statement_head WHERE account_id = ANY (?) ORDER BY account_id",
                        (Object) accountIds),
                "transfer_view", jdbc.queryForList(
                        "SELECT *, screening_hits::text AS hits FROM ledger_query.transfer_view "
                                + "WHERE transfer_id = ANY (?) ORDER BY transfer_id", (Object) transferIds),
                "transfer_step", jdbc.queryForList(
                        "SELECT * FROM ledger_query.transfer_step WHERE transfer_id = ANY (?) "
                                + "ORDER BY transfer_id, step_no", (Object) transferIds));
    }

    private long sumOfCurrency(String currency) {
        Long sum = jdbc.queryForObject("SELECT COALESCE(SUM(balance), 0) FROM ledger_query.account_summary "
                                               + "WHERE currency = ?", Long.class, currency);
        return sum == null ? 0 : sum;
    }

    private TransferView awaitTransfer(String transferId, long version) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                      .until(() -> transfer(transferId), t -> t.filter(v -> v.version() >= version).isPresent())
                      .orElseThrow();
    }

    private AccountView awaitAccount(String accountId, long version) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                      .until(() -> account(accountId), a -> a.filter(v -> v.version() >= version).isPresent())
                      .orElseThrow();
    }

    private StatementPage awaitStatement(String accountId, long version) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                      .until(() -> statement(accountId), page -> page.appliedSequence() >= version);
    }

    private Optional<TransferView> transfer(String transferId) {
        return queries.query(new FindTransferQuery(transferId, null),
                             ResponseTypes.optionalInstanceOf(TransferView.class))
                      .join();
    }

    private Optional<AccountView> account(String accountId) {
        return queries.query(new FindAccountQuery(accountId, null), ResponseTypes.optionalInstanceOf(AccountView.class))
                      .join();
    }

    private StatementPage statement(String accountId) {
        return queries.query(new FindStatementQuery(accountId, null, 50, null),
                             ResponseTypes.instanceOf(StatementPage.class))
                      .join();
    }

    private static List<String> stepNames(TransferView transfer) {
        return transfer.steps().stream().map(TransferStepView::status).toList();
    }

    private static TransferStepView lastStep(TransferView transfer) {
        return transfer.steps().get(transfer.steps().size() - 1);
    }

    /** Microseconds, like PostgreSQL, so stored timestamps compare equal to the events'. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
