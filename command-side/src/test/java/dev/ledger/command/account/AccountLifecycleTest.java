package dev.ledger.command.account;

import static dev.ledger.command.account.AccountFixtures.ACCOUNT;
import static dev.ledger.command.account.AccountFixtures.closed;
import static dev.ledger.command.account.AccountFixtures.deposited;
import static dev.ledger.command.account.AccountFixtures.eur;
import static dev.ledger.command.account.AccountFixtures.expectRefusal;
import static dev.ledger.command.account.AccountFixtures.frozen;
import static dev.ledger.command.account.AccountFixtures.holdPlaced;
import static dev.ledger.command.account.AccountFixtures.holdReleased;
import static dev.ledger.command.account.AccountFixtures.opened;
import static dev.ledger.command.account.AccountFixtures.unfrozen;
import static dev.ledger.command.account.AccountFixtures.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Freeze, unfreeze and close (AML and customer lifecycle), with the caller's expected version. */
class AccountLifecycleTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Nested
    class Freezing {

        @Test
        void shouldFreezeAnOpenAccountAndReportTheNewVersion() {
            fixture.given(opened(0), deposited("dep-1", 100, 100))
                   .when(new FreezeAccountCommand(ACCOUNT, "aml review", null))
                   .expectEvents(frozen())
                   .expectResultMessagePayload(2L)
                   .expectState(account -> assertThat(account).extracting("status").isEqualTo(AccountStatus.FROZEN));
        }

        @Test
        void shouldTreatFreezingAFrozenAccountAsDone() {
            fixture.given(opened(0), frozen())
                   .when(new FreezeAccountCommand(ACCOUNT, "again", null))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectResultMessagePayload(1L);
        }

        @Test
        void shouldRefuseToFreezeAClosedAccount() {
            expectRefusal(fixture.given(opened(0), closed()).when(new FreezeAccountCommand(ACCOUNT, null, null)),
                          ErrorCode.ACCOUNT_NOT_OPEN);
        }

        @Test
        void shouldRefuseDepositsOnAFrozenAccount() {
            expectRefusal(fixture.given(opened(0), frozen()).when(new DepositMoneyCommand(ACCOUNT, "dep-1", eur(1))),
                          ErrorCode.ACCOUNT_NOT_OPEN);
        }

        @Test
        void shouldRefuseWithdrawalsOnAFrozenAccount() {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 100, 100), frozen())
                                 .when(new WithdrawMoneyCommand(ACCOUNT, "wd-1", eur(1))),
                          ErrorCode.ACCOUNT_NOT_OPEN);
        }
    }

    @Nested
    class Unfreezing {

        @Test
        void shouldUnfreezeAFrozenAccountAndReportTheNewVersion() {
            fixture.given(opened(0), frozen())
                   .when(new UnfreezeAccountCommand(ACCOUNT, "cleared", null))
                   .expectEvents(unfrozen())
                   .expectResultMessagePayload(2L)
                   .expectState(account -> assertThat(account).extracting("status").isEqualTo(AccountStatus.OPEN));
        }

        @Test
        void shouldTreatUnfreezingAnOpenAccountAsDone() {
            fixture.given(opened(0), frozen(), unfrozen())
                   .when(new UnfreezeAccountCommand(ACCOUNT, null, null))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectResultMessagePayload(2L);
        }

        @Test
        void shouldRefuseToUnfreezeAClosedAccount() {
            expectRefusal(fixture.given(opened(0), frozen(), closed())
                                 .when(new UnfreezeAccountCommand(ACCOUNT, null, null)),
                          ErrorCode.ACCOUNT_NOT_OPEN);
        }

        @Test
        void shouldAcceptDepositsAgainAfterAnUnfreeze() {
            fixture.given(opened(0), frozen(), unfrozen())
                   .when(new DepositMoneyCommand(ACCOUNT, "dep-1", eur(100)))
                   .expectEvents(new MoneyDepositedEvent(ACCOUNT, "dep-1", eur(100), 100, AccountFixtures.WORLD_EUR));
        }
    }

    @Nested
    class Closing {

        @Test
        void shouldCloseAnEmptyAccountAndReportTheNewVersion() {
            fixture.given(opened(0), deposited("dep-1", 100, 100), withdrawn("wd-1", 100, 0))
                   .when(new CloseAccountCommand(ACCOUNT, "customer left", null))
                   .expectEvents(closed())
                   .expectResultMessagePayload(3L)
                   .expectState(account -> assertThat(account).extracting("status").isEqualTo(AccountStatus.CLOSED));
        }

        @Test
        void shouldCloseAFrozenAccountThatIsEmptyWithoutUnfreezingItFirst() {
            fixture.given(opened(0), frozen())
                   .when(new CloseAccountCommand(ACCOUNT, "offboarded after review", null))
                   .expectEvents(new AccountClosedEvent(ACCOUNT, "offboarded after review"));
        }

        @Test
        void shouldRefuseToCloseAnAccountWithMoneyOnIt() {
            expectRefusal(fixture.given(opened(0), deposited("dep-1", 1, 1))
                                 .when(new CloseAccountCommand(ACCOUNT, null, null)),
                          ErrorCode.ACCOUNT_NOT_EMPTY);
        }

        @Test
        void shouldRefuseToCloseAnOverdrawnAccount() {
            expectRefusal(fixture.given(opened(500), withdrawn("wd-1", 1, -1))
                                 .when(new CloseAccountCommand(ACCOUNT, null, null)),
                          ErrorCode.ACCOUNT_NOT_EMPTY);
        }

        @Test
        void shouldRefuseToCloseAnAccountWithAnOpenHoldEvenAtAZeroBalance() {
            expectRefusal(fixture.given(opened(500), holdPlaced("h1", 100, 100))
                                 .when(new CloseAccountCommand(ACCOUNT, null, null)),
                          ErrorCode.ACCOUNT_NOT_EMPTY);
        }

        @Test
        void shouldCloseOnceTheLastHoldIsReleased() {
            fixture.given(opened(500), holdPlaced("h1", 100, 100), holdReleased("h1", 100, 0, "failed"))
                   .when(new CloseAccountCommand(ACCOUNT, "customer left", null))
                   .expectEvents(closed());
        }

        @Test
        void shouldTreatClosingAClosedAccountAsDone() {
            fixture.given(opened(0), closed())
                   .when(new CloseAccountCommand(ACCOUNT, null, null))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents()
                   .expectResultMessagePayload(1L);
        }

        @Test
        void shouldRefuseDepositsOnAClosedAccount() {
            expectRefusal(fixture.given(opened(0), closed()).when(new DepositMoneyCommand(ACCOUNT, "dep-1", eur(1))),
                          ErrorCode.ACCOUNT_NOT_OPEN);
        }

        @Test
        void shouldRefuseWithdrawalsOnAClosedAccount() {
            expectRefusal(fixture.given(opened(500), closed())
                                 .when(new WithdrawMoneyCommand(ACCOUNT, "wd-1", eur(1))),
                          ErrorCode.ACCOUNT_NOT_OPEN);
        }
    }

    /** {@code If-Match} arrives as {@code @TargetAggregateVersion}; Axon compares it with the stream's version. */
    @Nested
    class ExpectedVersions {

        @Test
        void shouldFreezeWhenTheExpectedVersionIsCurrent() {
            fixture.given(opened(0), deposited("dep-1", 100, 100))
                   .when(new FreezeAccountCommand(ACCOUNT, "aml review", 1L))
                   .expectEvents(frozen())
                   .expectResultMessagePayload(2L);
        }

        @Test
        void shouldRefuseAFreezeDecidedOnAnOlderVersion() {
            fixture.given(opened(0), deposited("dep-1", 100, 100))
                   .when(new FreezeAccountCommand(ACCOUNT, null, 0L))
                   .expectException(ConflictingAggregateVersionException.class)
                   .expectNoEvents();
        }

        @Test
        void shouldRefuseAFreezeClaimingAVersionTheAccountNeverHad() {
            fixture.given(opened(0), deposited("dep-1", 100, 100))
                   .when(new FreezeAccountCommand(ACCOUNT, null, 5L))
                   .expectException(ConflictingAggregateVersionException.class)
                   .expectNoEvents();
        }

        @Test
        void shouldRefuseAStaleVersionEvenWhenTheCommandWouldChangeNothing() {
            fixture.given(opened(0), frozen())
                   .when(new FreezeAccountCommand(ACCOUNT, null, 0L))
                   .expectException(ConflictingAggregateVersionException.class);
        }

        @Test
        void shouldRefuseAnUnfreezeDecidedOnAnOlderVersion() {
            fixture.given(opened(0), frozen(), deposited("dep-x", 1, 1))
                   .when(new UnfreezeAccountCommand(ACCOUNT, null, 1L))
                   .expectException(ConflictingAggregateVersionException.class)
                   .expectNoEvents();
        }

        @Test
        void shouldRefuseACloseDecidedOnAnOlderVersion() {
            fixture.given(opened(0), deposited("dep-1", 100, 100), withdrawn("wd-1", 100, 0))
                   .when(new CloseAccountCommand(ACCOUNT, null, 1L))
                   .expectException(ConflictingAggregateVersionException.class)
                   .expectNoEvents();
        }

        @Test
        void shouldCloseWhenTheExpectedVersionIsCurrent() {
            fixture.given(opened(0), deposited("dep-1", 100, 100), withdrawn("wd-1", 100, 0))
                   .when(new CloseAccountCommand(ACCOUNT, null, 2L))
                   .expectEvents(new AccountClosedEvent(ACCOUNT, null))
                   .expectResultMessagePayload(3L);
        }

        /**
         * The web layer maps the exception by its type, so it must reach the gateway's caller unwrapped, and nothing
         * may have been appended. Checked on a real command bus, not only the fixture.
         */
        @Test
        void shouldHandTheCallerTheVersionConflictUnwrappedThroughTheCommandBus() {
            EmbeddedEventStore eventStore =
                    EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
            try {
                SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
                AggregateAnnotationCommandHandler.<Account>builder()
                                                 .aggregateType(Account.class)
                                                 .repository(EventSourcingRepository.builder(Account.class)
                                                                                     .eventStore(eventStore)
                                                                                     .build())
                                                 .build()
                                                 .subscribe(commandBus);
                CommandGateway gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
                gateway.sendAndWait(new OpenAccountCommand(ACCOUNT, "EUR", 0, null, "holder-1"));
                gateway.sendAndWait(new DepositMoneyCommand(ACCOUNT, "dep-1", eur(100)));

                assertThatThrownBy(() -> gateway.send(new FreezeAccountCommand(ACCOUNT, null, 0L)).get())
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(ConflictingAggregateVersionException.class, conflict -> {
                            assertThat(conflict.getExpectedVersion()).isEqualTo(0L);
                            assertThat(conflict.getActualVersion()).isEqualTo(1L);
                        });
                assertThat(eventStore.readEvents(ACCOUNT, 0).asStream().count()).isEqualTo(2);

                Long version = gateway.sendAndWait(new FreezeAccountCommand(ACCOUNT, null, 1L));
                assertThat(version).isEqualTo(2L);
                assertThat(eventStore.readEvents(ACCOUNT, 2).asStream().<Object>map(event -> event.getPayload()))
                        .containsExactly(new AccountFrozenEvent(ACCOUNT, null));
            } finally {
                eventStore.shutDown();
            }
        }
    }
}
