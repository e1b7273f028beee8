package dev.ledger.command.account;

import static dev.ledger.command.account.AccountFixtures.ACCOUNT;
import static dev.ledger.command.account.AccountFixtures.TRANSIT_EUR;
import static dev.ledger.command.account.AccountFixtures.WORLD_EUR;
import static dev.ledger.command.account.AccountFixtures.credited;
import static dev.ledger.command.account.AccountFixtures.deposited;
import static dev.ledger.command.account.AccountFixtures.eur;
import static dev.ledger.command.account.AccountFixtures.expectRefusal;
import static dev.ledger.command.account.AccountFixtures.frozen;
import static dev.ledger.command.account.AccountFixtures.holdCaptured;
import static dev.ledger.command.account.AccountFixtures.holdPlaced;
import static dev.ledger.command.account.AccountFixtures.holdReleased;
import static dev.ledger.command.account.AccountFixtures.opened;
import static dev.ledger.command.account.AccountFixtures.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.platform.axon.AxonPlatformConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Nested
    class Opening {

        @Test
        void shouldOpenAnAccountWithTheGivenCurrencyAndOverdraft() {
            fixture.givenNoPriorActivity()
                   .when(new OpenAccountCommand(ACCOUNT, "EUR", 500, "owner-7", "holder-1"))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new AccountOpenedEvent(ACCOUNT, "EUR", 500, "owner-7", "holder-1"))
                   .expectState(account -> assertThat(account).extracting("balance", "status")
                                                              .containsExactly(0L, AccountStatus.OPEN));
        }

        @Test
        void shouldOpenAnAccountWithoutAnOwnerReference() {
            fixture.givenNoPriorActivity()
                   .when(new OpenAccountCommand(ACCOUNT, "EUR", 0, null, "holder-1"))
                   .expectEvents(new AccountOpenedEvent(ACCOUNT, "EUR", 0, null, "holder-1"));
        }

        @Test
        void shouldOpenAnAccountWithTheLargestOverdraft() {
            fixture.givenNoPriorActivity()
                   .when(new OpenAccountCommand(ACCOUNT, "EUR", Money.MAX_OPERATION_AMOUNT, null, "holder-1"))
                   .expectEvents(new AccountOpenedEvent(ACCOUNT, "EUR", Money.MAX_OPERATION_AMOUNT, null, "holder-1"));
        }

        @Test
        void shouldAcceptAnIdOfSixtyFourAllowedCharacters() {
            String id = "a.b_c:d-".repeat(8);
            fixture.givenNoPriorActivity()
                   .when(new OpenAccountCommand(id, "EUR", 0, null, "holder-1"))
                   .expectEvents(new AccountOpenedEvent(id, "EUR", 0, null, "holder-1"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"acc 1", "acc/1", "acc@1", "konto-ä",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
        void shouldRejectOpeningWithAnInvalidId(String id) {
            expectRefusal(fixture.givenNoPriorActivity().when(new OpenAccountCommand(id, "EUR", 0, null, "holder-1")),
                          ErrorCode.VALIDATION_FAILED);
        }

        @ParameterizedTest
        @ValueSource(strings = {WORLD_EUR, "world:USD", "world:anything"})
        void shouldRejectOpeningASystemAccount(String id) {
            expectRefusal(fixture.givenNoPriorActivity().when(new OpenAccountCommand(id, "EUR", 0, null, "holder-1")),
                          ErrorCode.VALIDATION_FAILED);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"XYZ", "eur", "EURO", "E"})
        void shouldRejectOpeningInAnythingButAnIsoCurrency(String currency) {
            expectRefusal(fixture.givenNoPriorActivity().when(new OpenAccountCommand(ACCOUNT, currency, 0, null, "holder-1")),
                          ErrorCode.VALIDATION_FAILED);
        }

        @ParameterizedTest
        @ValueSource(longs = {-1, Long.MIN_VALUE})
        void shouldRejectANegativeOverdraft(long overdraft) {
            expectRefusal(fixture.givenNoPriorActivity()
                                 .when(new OpenAccountCommand(ACCOUNT, "EUR", overdraft, null, "holder-1")),
                          ErrorCode.VALIDATION_FAILED);
        }

        @ParameterizedTest
        @ValueSource(longs = {Money.MAX_OPERATION_AMOUNT + 1, Long.MAX_VALUE})
        void shouldRejectAnOverdraftAboveTheLargestOperationAmount(long overdraft) {
            expectRefusal(fixture.givenNoPriorActivity()
                                 .when(new OpenAccountCommand(ACCOUNT, "EUR", overdraft, null, "holder-1")),
                          ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    class Depositing {

        @Test
        void shouldCreditTheAccountAgainstTheSystemAccountOfItsCurrency() {
            fixture.given(opened(0))
                   .when(deposit("dep-1", eur(250)))
                   .expectEvents(new MoneyDepositedEvent(ACCOUNT, "dep-1", eur(250), 250, WORLD_EUR))
                   .expectResultMessagePayload(1L);
        }

        @Test
        void shouldReportTheBalanceAfterAndTheNewVersion() {
            fixture.given(opened(0), deposited("dep-1", 100, 100), withdrawn("wd-1", 30, 70))
                   .when(deposit("dep-2", eur(250)))
                   .expectEvents(new MoneyDepositedEvent(ACCOUNT, "dep-2", eur(250), 320, WORLD_EUR))
                   .expectResultMessagePayload(3L);
        }

        @Test
        void shouldCreditTheLargestOperationAmount() {
            fixture.given(opened(0))
                   .when(deposit("dep-1", eur(Money.MAX_OPERATION_AMOUNT)))
                   .expectEvents(new MoneyDepositedEvent(ACCOUNT, "dep-1", eur(Money.MAX_OPERATION_AMOUNT),
                                                         Money.MAX_OPERATION_AMOUNT, WORLD_EUR));
        }

        @Test
        void shouldRepayAnOverdraftWithADeposit() {
            fixture.given(opened(500), withdrawn("wd-1", 400, -400))
                   .when(deposit("dep-1", eur(100)))
                   .expectEvents(new MoneyDepositedEvent(ACCOUNT, "dep-1", eur(100), -300, WORLD_EUR));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, -100, Long.MIN_VALUE, Money.MAX_OPERATION_AMOUNT + 1, Long.MAX_VALUE})
        void shouldRejectADepositThatIsNotAPositiveAmountWithinBounds(long amount) {
            expectRefusal(fixture.given(opened(0)).when(deposit("dep-1", eur(amount))),
                          ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldRejectADepositWithoutAnAmount() {
            expectRefusal(fixture.given(opened(0)).when(deposit("dep-1", null)), ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldRejectADepositInAnotherCurrency() {
            expectRefusal(fixture.given(opened(0)).when(deposit("dep-1", new Money(100, "USD"))),
                          ErrorCode.CURRENCY_MISMATCH);
        }

        @Test
        void shouldRejectADepositThatWouldOverflowTheBalance() {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 100, Long.MAX_VALUE - 10))
                                 .when(deposit("dep-2", eur(11))),
                          ErrorCode.BALANCE_OVERFLOW);
        }

        @Test
        void shouldCreditUpToTheLargestRepresentableBalance() {
            fixture.given(opened(0), deposited("dep-1", 100, Long.MAX_VALUE - 10))
                   .when(deposit("dep-2", eur(10)))
                   .expectEvents(new MoneyDepositedEvent(ACCOUNT, "dep-2", eur(10), Long.MAX_VALUE, WORLD_EUR));
        }

        @Test
        void shouldNotFindAnAccountThatWasNeverOpened() {
            fixture.givenNoPriorActivity()
                   .when(deposit("dep-1", eur(100)))
                   .expectNoEvents()
                   .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void shouldDebitWithinTheBalanceAgainstTheSystemAccount() {
            fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                   .when(withdraw("wd-1", eur(400)))
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(400), 600, WORLD_EUR))
                   .expectResultMessagePayload(2L);
        }

        @Test
        void shouldWithdrawTheWholeBalanceWithoutAnOverdraft() {
            fixture.given(opened(0), deposited("dep-1", 100, 100))
                   .when(withdraw("wd-1", eur(100)))
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(100), 0, WORLD_EUR));
        }

        @Test
        void shouldWithdrawIntoTheOverdraftExactlyToItsLimit() {
            fixture.given(opened(500), deposited("dep-1", 100, 100))
                   .when(withdraw("wd-1", eur(600)))
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(600), -500, WORLD_EUR))
                   .expectResultMessagePayload(2L);
        }

        @Test
        void shouldRejectWithdrawalBeyondOverdraft() {
            expectRefusal(fixture.given(opened(500), deposited("dep-1", 100, 100))
                                 .when(withdraw("wd-1", eur(601))),
                          ErrorCode.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldCountEarlierWithdrawalsAgainstTheOverdraft() {
            expectRefusal(fixture.given(opened(500), withdrawn("wd-1", 300, -300))
                                 .when(withdraw("wd-2", eur(201))),
                          ErrorCode.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldRejectAnyWithdrawalFromAnEmptyAccountWithoutOverdraft() {
            expectRefusal(fixture.given(opened(0)).when(withdraw("wd-1", eur(1))), ErrorCode.INSUFFICIENT_FUNDS);
        }

        @Test
        void shouldWithdrawTheLargestAmountIntoTheLargestOverdraft() {
            long max = Money.MAX_OPERATION_AMOUNT;
            fixture.given(opened(max))
                   .when(withdraw("wd-1", eur(max)))
                   .expectEvents(new MoneyWithdrawnEvent(ACCOUNT, "wd-1", eur(max), -max, WORLD_EUR));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, Long.MIN_VALUE, Money.MAX_OPERATION_AMOUNT + 1, Long.MAX_VALUE})
        void shouldRejectAWithdrawalThatIsNotAPositiveAmountWithinBounds(long amount) {
            expectRefusal(fixture.given(opened(500), deposited("dep-1", 1_000, 1_000))
                                 .when(withdraw("wd-1", eur(amount))),
                          ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void shouldRejectAWithdrawalInAnotherCurrency() {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 1_000, 1_000))
                                 .when(withdraw("wd-1", new Money(100, "USD"))),
                          ErrorCode.CURRENCY_MISMATCH);
        }
    }

    /**
     * Snapshots are stored with the application's Jackson serializer. An aggregate without getters serializes as
     * {@code {}} unless its fields are visible to Jackson, and a snapshot like that would silently reset every
     * balance on the next load.
     */
    @Nested
    class Snapshots {

        private final Serializer serializer = new AxonPlatformConfiguration().serializer();
        private final EmbeddedEventStore eventStore =
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();

        @AfterEach
        void stopEventStore() {
            eventStore.shutDown();
        }

        @Test
        void shouldSerializeTheStateThatDecisionsDependOn() throws Exception {
            SerializedObject<byte[]> snapshot = serializer.serialize(accountAfterThreeEvents(), byte[].class);

            JsonNode json = new ObjectMapper().readTree(new String(snapshot.getData(), StandardCharsets.UTF_8));
            assertThat(json.path("accountId").asText()).isEqualTo(ACCOUNT);
            assertThat(json.path("currency").asText()).isEqualTo("EUR");
            assertThat(json.path("balance").isIntegralNumber()).isTrue();
            assertThat(json.path("balance").asLong()).isEqualTo(800);
            assertThat(json.path("overdraftLimit").asLong()).isEqualTo(500);
            assertThat(json.path("status").asText()).isEqualTo("OPEN");
        }

        @Test
        void shouldRestoreEveryFieldFromASnapshot() {
            Account original = accountAfterThreeEvents();

            Account restored = serializer.deserialize(serializer.serialize(original, byte[].class));

            assertThat(restored).usingRecursiveComparison().isEqualTo(original);
            assertThat(restored).extracting("balance").isEqualTo(800L);
        }

        @Test
        void shouldDecideWithdrawalsFromTheRestoredBalanceAndOverdraft() {
            storeSnapshotAtSequence(2, roundTripped(accountAfterThreeEvents()));
            EventSourcingRepository<Account> repository =
                    EventSourcingRepository.builder(Account.class).eventStore(eventStore).build();

            // balance 800 with overdraft 500: 1,301 is one minor unit too many, 1,300 is exactly the limit
            ResultMessage<?> refused = handle(repository, withdraw("wd-2", eur(1_301)));
            assertThat(refused.isExceptional()).isTrue();
            assertThat(refused.exceptionResult()).isInstanceOfSatisfying(
                    LedgerRuleViolation.class, violation -> assertThat(violation.code())
                            .isEqualTo(ErrorCode.INSUFFICIENT_FUNDS));

            ResultMessage<?> accepted = handle(repository, withdraw("wd-2", eur(1_300)));
            assertThat(accepted.isExceptional()).as("%s", accepted).isFalse();
            assertThat(accepted.getPayload()).as("the version continues after the snapshot").isEqualTo(3L);
            assertThat(eventsAfterSnapshot()).containsExactly(
                    new MoneyWithdrawnEvent(ACCOUNT, "wd-2", eur(1_300), -500, WORLD_EUR));
        }

        @Test
        void shouldSerializeOpenHoldsAsPlainJson() throws Exception {
            SerializedObject<byte[]> snapshot = serializer.serialize(accountWithHoldHistory(), byte[].class);

            JsonNode json = new ObjectMapper().readTree(new String(snapshot.getData(), StandardCharsets.UTF_8));
            assertThat(json.path("held").asLong()).isEqualTo(300);
            assertThat(json.path("openHolds").path("h-open").path("transferId").asText()).isEqualTo("t-h-open");
            assertThat(json.path("openHolds").path("h-open").path("amount").asLong()).isEqualTo(300);
            assertThat(json.path("openHolds").has("h-released")).isFalse();
            assertThat(json.path("openHolds").has("h-captured")).isFalse();
            assertThat(json.path("status").asText()).isEqualTo("FROZEN");
        }

        @Test
        void shouldRestoreHoldsFromASnapshot() {
            Account original = accountWithHoldHistory();

            Account restored = serializer.deserialize(serializer.serialize(original, byte[].class));

            assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        }

        /** A snapshot that forgot a hold would strand its reservation; one that kept a settled hold, settle twice. */
        @Test
        void shouldSettleHoldsFromTheRestoredState() {
            storeSnapshotAtSequence(8, roundTripped(accountWithHoldHistory()));
            EventSourcingRepository<Account> repository =
                    EventSourcingRepository.builder(Account.class).eventStore(eventStore).build();
            AccountBook book = new AccountBook(repository);

            assertThat(post(() -> book.lock(ACCOUNT).releaseHold("h-released", "t-h-released", "again"))
                               .isExceptional()).isTrue();
            assertThat(post(() -> book.lock(ACCOUNT).captureHold("h-captured", "t-h-captured", "p-2"))
                               .isExceptional()).isTrue();
            assertThat(eventsAfterSnapshot()).as("nothing settled twice").isEmpty();

            ResultMessage<?> captured = post(() -> book.lock(ACCOUNT).captureHold("h-open", "t-h-open", "p-3"));
            assertThat(captured.isExceptional()).as("%s", captured).isFalse();
            assertThat(eventsAfterSnapshot()).containsExactly(holdCaptured("h-open", "p-3", 300, 500, 0));
        }

        /**
         * An account remembers its open holds, not the transfers it settled (a transfer posts once by its own
         * stream; a hold is keyed by its transfer): its snapshot does not grow with its history. The history mixes
         * every way a transfer settles on an account, and the refusals older histories recorded, which must still
         * replay. The snapshot is Axon's, built from the stored events, serialized as the service stores it.
         */
        @Test
        void shouldKeepTheSnapshotOfAnAccountWithTenThousandSettledTransfersAsSmallAsANewOne() throws Exception {
            List<Object> history = new ArrayList<>();
            history.add(opened(0));
            long balance = 1_000_000;
            history.add(deposited("dep-1", balance, balance));
            int baseline = snapshotLength(history);
            for (int i = 0; i < 10_000; i++) {
                String transfer = "t-" + i;
                switch (i % 5) {
                    case 0 -> history.add(new TransferDebitedEvent(ACCOUNT, transfer, transfer + ":debit", eur(7),
                                                                   balance -= 7, TRANSIT_EUR));
                    case 1 -> history.add(credited(transfer, transfer + ":credit", 5, balance += 5));
                    case 2 -> {
                        history.add(holdPlaced("h" + i, 3, 3));
                        history.add(holdCaptured("h" + i, transfer + ":debit", 3, balance -= 3, 0));
                    }
                    case 3 -> {
                        history.add(holdPlaced("h" + i, 2, 2));
                        history.add(holdReleased("h" + i, 2, 0, "REVIEW_REJECTED"));
                    }
                    default -> {
                        history.add(new HoldRejectedEvent(ACCOUNT, "h" + i, transfer, eur(4),
                                                          RejectionReason.INSUFFICIENT_FUNDS));
                        history.add(new TransferCreditRejectedEvent(ACCOUNT, transfer, eur(4),
                                                                    RejectionReason.ACCOUNT_FROZEN));
                    }
                }
            }

            int length = snapshotLength(history);

            assertThat(history).hasSizeGreaterThan(14_000);
            assertThat(length).as("bytes, against %d for the account before its transfers", baseline)
                              .isLessThanOrEqualTo(baseline + 8);
        }

        /** Stores {@code events} as the account's stream, has Axon snapshot it, and measures the stored form. */
        private int snapshotLength(List<Object> events) throws Exception {
            EmbeddedEventStore store =
                    EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
            try {
                List<DomainEventMessage<?>> stream = new ArrayList<>();
                for (int sequence = 0; sequence < events.size(); sequence++) {
                    stream.add(new GenericDomainEventMessage<>("Account", ACCOUNT, sequence, events.get(sequence)));
                }
                store.publish(stream);
                AggregateSnapshotter.builder().eventStore(store)
                                    .aggregateFactories(new GenericAggregateFactory<>(Account.class)).build()
                                    .scheduleSnapshot(Account.class, ACCOUNT);
                DomainEventMessage<?> snapshot = store.readEvents(ACCOUNT).next();
                assertThat(snapshot.getPayload()).isInstanceOf(Account.class);
                assertThat(snapshot.getSequenceNumber()).isEqualTo(events.size() - 1);
                byte[] stored = serializer.serialize(snapshot.getPayload(), byte[].class).getData();
                JsonNode json = new ObjectMapper().readTree(new String(stored, StandardCharsets.UTF_8));
                assertThat(json.path("openHolds").size()).isZero();
                assertThat(json.path("held").asLong()).isZero();
                return stored.length;
            } finally {
                store.shutDown();
            }
        }

        /** Nine events: 1,000 deposited, 200 credited, one hold open, one released, one captured; frozen. */
        private Account accountWithHoldHistory() {
            Account account = new Account();
            account.on(opened(0));
            account.on(deposited("dep-1", 1_000, 1_000));
            account.on(credited("t-in", "p-in", 200, 1_200));
            account.on(holdPlaced("h-released", 100, 100));
            account.on(holdReleased("h-released", 100, 0, "REVIEW_REJECTED"));
            account.on(holdPlaced("h-captured", 400, 400));
            account.on(holdCaptured("h-captured", "p-1", 400, 800, 0));
            account.on(holdPlaced("h-open", 300, 300));
            account.on(frozen());
            return account;
        }

        private ResultMessage<?> post(Runnable leg) {
            return DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("post"))
                                    .executeWithResult(() -> {
                                        leg.run();
                                        return null;
                                    });
        }

        private Account accountAfterThreeEvents() {
            Account account = new Account();
            account.on(opened(500));
            account.on(deposited("dep-1", 1_000, 1_000));
            account.on(withdrawn("wd-1", 200, 800));
            return account;
        }

        private Account roundTripped(Account account) {
            return serializer.deserialize(serializer.serialize(account, byte[].class));
        }

        private void storeSnapshotAtSequence(long sequence, Account snapshot) {
            eventStore.storeSnapshot(new GenericDomainEventMessage<>("Account", ACCOUNT, sequence, snapshot));
        }

        private ResultMessage<?> handle(EventSourcingRepository<Account> repository, Object command) {
            GenericCommandMessage<Object> message = new GenericCommandMessage<>(command);
            return DefaultUnitOfWork.startAndGet(message)
                                    .executeWithResult(() -> repository.load(ACCOUNT).handle(message));
        }

        private List<Object> eventsAfterSnapshot() {
            return eventStore.readEvents(ACCOUNT).asStream()
                             .filter(event -> !(event.getPayload() instanceof Account))
                             .map(DomainEventMessage::getPayload)
                             .collect(Collectors.toList());
        }
    }

    private static DepositMoneyCommand deposit(String postingId, Money amount) {
        return new DepositMoneyCommand(ACCOUNT, postingId, amount);
    }

    private static WithdrawMoneyCommand withdraw(String postingId, Money amount) {
        return new WithdrawMoneyCommand(ACCOUNT, postingId, amount);
    }
}
