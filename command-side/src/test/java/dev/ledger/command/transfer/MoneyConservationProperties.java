package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.ledger.api.Money;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * Any interleaving of transfers, deposits, withdrawals and freezes across a few accounts keeps the ledger's
 * invariants at every step: per currency all balances (customer, world and transit accounts) sum to zero, no
 * customer balance goes below its overdraft, holds never exceed what is available, and once every transfer has
 * run its course, no hold is left open and the transit account is empty.
 * <p>
 * Runs the real {@code Account} aggregate and the real {@link TransferProcess}; the test decides when each saga
 * sees its next event, which is what produces the interleavings.
 */
class MoneyConservationProperties {

    private static final List<String> ACCOUNTS = List.of("a", "b", "c");
    private static final Map<String, Long> OVERDRAFT = Map.of("a", 0L, "b", 500L, "c", 2_000L);

    private CommandGateway commands;
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Long> held = new HashMap<>();
    private final Map<String, TransferProcess> processes = new LinkedHashMap<>();
    private final Map<String, Deque<Object>> pending = new LinkedHashMap<>();
    private int transfers;
    private int captures;

    @BeforeTry
    void freshLedger() {
        var eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        dev.ledger.command.account.AccountHarness.register(bus, eventStore);
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
        eventStore.subscribe(messages -> messages.forEach(this::record));
        balances.clear();
        held.clear();
        processes.clear();
        pending.clear();
        transfers = 0;
        captures = 0;
        for (String account : ACCOUNTS) {
            commands.sendAndWait(new OpenAccountCommand(account, "EUR", OVERDRAFT.get(account), null));
        }
    }

    @Property(tries = 200)
    void anyInterleavingConservesMoney(@ForAll("operations") List<Operation> operations) {
        for (Operation operation : operations) {
            apply(operation);
            assertInvariants();
        }
        // let every transfer run to its end, in the order the property chose last
        while (pending.values().stream().anyMatch(queue -> !queue.isEmpty())) {
            for (String transferId : List.copyOf(pending.keySet())) {
                deliverNext(transferId);
                assertInvariants();
            }
        }
        net.jqwik.api.statistics.Statistics.label("captures").collect(captures > 0);
        net.jqwik.api.statistics.Statistics.label("transfers").collect(transfers > 0);
        assertThat(balances.getOrDefault("transit:EUR", 0L)).as("transit account settles").isZero();
        ACCOUNTS.forEach(account -> assertThat(held.getOrDefault(account, 0L)).as("held on " + account).isZero());
    }

    private void apply(Operation operation) {
        try {
            switch (operation.kind()) {
                case DEPOSIT -> commands.sendAndWait(new DepositMoneyCommand(operation.from(), "p" + Math.random(),
                                                                             eur(operation.amount())));
                case WITHDRAW -> commands.sendAndWait(new WithdrawMoneyCommand(operation.from(), "p" + Math.random(),
                                                                               eur(operation.amount())));
                case FREEZE -> commands.sendAndWait(new FreezeAccountCommand(operation.from(), "test", null));
                case UNFREEZE -> commands.sendAndWait(new UnfreezeAccountCommand(operation.from(), "test", null));
                case TRANSFER -> startTransfer(operation);
                case DELIVER -> {
                    List<String> busy = pending.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                                               .map(Map.Entry::getKey).toList();
                    if (!busy.isEmpty()) {
                        deliverNext(busy.get(operation.amount() % busy.size()));
                    }
                }
            }
        } catch (RuntimeException refused) {
            // a refused command writes nothing; the invariants below prove it
        }
    }

    private void startTransfer(Operation operation) {
        if (operation.from().equals(operation.to())) {
            return;
        }
        String transferId = "t" + (++transfers);
        TransferProcess process = new TransferProcess();
        process.setCommands(commands);
        process.setDeadlines(mock(DeadlineManager.class));
        process.setSettings(new TransferSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), 3));
        processes.put(transferId, process);
        pending.put(transferId, new ArrayDeque<>());
        process.on(new TransferRequestedEvent(transferId, operation.from(), operation.to(), eur(operation.amount()),
                                              null));
        process.on(new TransferScreenedEvent(transferId, ScreeningDecision.PASSED, List.of()));
    }

    private void deliverNext(String transferId) {
        Object event = pending.get(transferId).poll();
        if (event == null) {
            return;
        }
        TransferProcess process = processes.get(transferId);
        if (event instanceof HoldPlacedEvent e) {
            process.on(e);
        } else if (event instanceof HoldRejectedEvent e) {
            process.on(e);
        } else if (event instanceof TransferCreditedEvent e) {
            process.on(e);
        } else if (event instanceof TransferCreditRejectedEvent e) {
            process.on(e);
        } else if (event instanceof HoldCapturedEvent e) {
            process.on(e);
        } else if (event instanceof HoldReleasedEvent e) {
            process.on(e);
        }
    }

    /** Derives every balance from the events alone, as the query side does, and queues the saga's events. */
    private void record(EventMessage<?> message) {
        Object event = message.getPayload();
        if (event instanceof MoneyDepositedEvent e) {
            post(e.accountId(), e.amount().amount(), e.balanceAfter());
            post(e.contraAccountId(), -e.amount().amount(), null);
        } else if (event instanceof MoneyWithdrawnEvent e) {
            post(e.accountId(), -e.amount().amount(), e.balanceAfter());
            post(e.contraAccountId(), e.amount().amount(), null);
        } else if (event instanceof TransferCreditedEvent e) {
            post(e.accountId(), e.amount().amount(), e.balanceAfter());
            post(e.contraAccountId(), -e.amount().amount(), null);
            queue(e.transferId(), e);
        } else if (event instanceof HoldCapturedEvent e) {
            post(e.accountId(), -e.amount().amount(), e.balanceAfter());
            post(e.contraAccountId(), e.amount().amount(), null);
            held.put(e.accountId(), e.heldAfter());
            captures++;
            queue(e.transferId(), e);
        } else if (event instanceof HoldPlacedEvent e) {
            held.put(e.accountId(), e.heldAfter());
            queue(e.transferId(), e);
        } else if (event instanceof HoldReleasedEvent e) {
            held.put(e.accountId(), e.heldAfter());
            queue(e.transferId(), e);
        } else if (event instanceof HoldRejectedEvent e) {
            queue(e.transferId(), e);
        } else if (event instanceof TransferCreditRejectedEvent e) {
            queue(e.transferId(), e);
        } else if (event instanceof AccountOpenedEvent e) {
            balances.put(e.accountId(), 0L);
        }
    }

    private void post(String account, long delta, Long reportedBalanceAfter) {
        long after = Math.addExact(balances.getOrDefault(account, 0L), delta);
        balances.put(account, after);
        if (reportedBalanceAfter != null) {
            assertThat(reportedBalanceAfter).as("balanceAfter reported by " + account).isEqualTo(after);
        }
    }

    private void queue(String transferId, Object event) {
        Deque<Object> queue = pending.get(transferId);
        if (queue != null) {
            queue.add(event);
        }
    }

    private void assertInvariants() {
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).as("EUR sums to zero").isZero();
        for (String account : ACCOUNTS) {
            long balance = balances.get(account);
            long onHold = held.getOrDefault(account, 0L);
            assertThat(balance).as("balance of " + account).isGreaterThanOrEqualTo(-OVERDRAFT.get(account));
            assertThat(onHold).as("held on " + account).isNotNegative();
            assertThat(balance - onHold).as("available of " + account).isGreaterThanOrEqualTo(-OVERDRAFT.get(account));
        }
    }

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<String> account = Arbitraries.of(ACCOUNTS);
        Arbitrary<Integer> amount = Arbitraries.integers().between(1, 3_000);
        Arbitrary<Kind> kind = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.DEPOSIT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.WITHDRAW)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.TRANSFER)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.FREEZE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.UNFREEZE)),
                net.jqwik.api.Tuple.of(8, Arbitraries.just(Kind.DELIVER)));
        return net.jqwik.api.Combinators.combine(kind, account, account, amount).as(Operation::new)
                                        .list().ofMinSize(5).ofMaxSize(60);
    }

    enum Kind { DEPOSIT, WITHDRAW, TRANSFER, FREEZE, UNFREEZE, DELIVER }

    record Operation(Kind kind, String from, String to, int amount) {
    }
}
