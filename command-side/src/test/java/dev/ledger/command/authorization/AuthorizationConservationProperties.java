package dev.ledger.command.authorization;

import static dev.ledger.command.authorization.AuthorizationLedger.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.Money;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.api.authorization.CaptureAuthorizationCommand;
import dev.ledger.api.authorization.ExpireAuthorizationCommand;
import dev.ledger.api.authorization.PlaceAuthorizationCommand;
import dev.ledger.api.authorization.VoidAuthorizationCommand;
import dev.ledger.command.LedgerRuleViolation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.commandhandling.CommandResultMessage;

/**
 * Any sequence of deposits, withdrawals, freezes, authorizations, partial captures to any account, voids, expiries
 * and time passing keeps the ledger's invariants after every commit: per currency all balances (customer, world and
 * transit) sum to zero, transit is empty, no balance or available amount goes below its overdraft; and once every
 * authorization has expired, no hold is left.
 */
class AuthorizationConservationProperties {

    private static final List<String> ACCOUNTS = List.of("a", "b", "c");
    private static final Map<String, Long> OVERDRAFT = Map.of("a", 0L, "b", 500L, "c", 2_000L);
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private AuthorizationLedger ledger;
    private int authorizations;
    private int postings;
    private int captures;
    private int postedCaptures;
    private final List<String> placed = new java.util.ArrayList<>();

    @BeforeTry
    void freshLedger() {
        ledger = new AuthorizationLedger();
        authorizations = 0;
        postings = 0;
        captures = 0;
        postedCaptures = 0;
        placed.clear();
        ledger.afterEveryCommit(this::assertInvariants);
        for (String account : ACCOUNTS) {
            ledger.sendAndExpectSuccess(new OpenAccountCommand(account, "EUR", OVERDRAFT.get(account), null,
                                                               "holder-1"));
        }
    }

    @AfterTry
    void closeLedger() {
        ledger.close();
    }

    @Property(tries = 200)
    void anySequenceConservesMoneyAndLeavesNoHoldAfterExpiry(@ForAll("operations") List<Operation> operations) {
        for (Operation operation : operations) {
            apply(operation);
        }
        // every authorization's expiry passes, and its deadline fires (some of them late or twice)
        ledger.advance(TIMEOUT);
        for (int i = 1; i <= authorizations; i++) {
            send(new ExpireAuthorizationCommand("z" + i));
            send(new ExpireAuthorizationCommand("z" + i));
        }
        Statistics.label("captures posted").collect(postedCaptures > 0);
        ACCOUNTS.forEach(account -> assertThat(ledger.held(account)).as("held on " + account).isZero());
    }

    private void apply(Operation operation) {
        // any authorization placed, whatever became of it since: a step on a closed one must be refused or ignored
        String pick = placed.isEmpty() ? "z0" : placed.get(operation.amount() % placed.size());
        switch (operation.kind()) {
            case DEPOSIT -> send(new DepositMoneyCommand(operation.from(), "p" + (++postings),
                                                         eur(operation.amount())));
            case WITHDRAW -> send(new WithdrawMoneyCommand(operation.from(), "p" + (++postings),
                                                           eur(operation.amount())));
            case FREEZE -> send(new FreezeAccountCommand(operation.from(), "test", null));
            case UNFREEZE -> send(new UnfreezeAccountCommand(operation.from(), "test", null));
            case AUTHORIZE -> {
                String to = operation.from().equals(operation.to()) ? null : operation.to();
                CommandResultMessage<?> result = send(new PlaceAuthorizationCommand(
                        "z" + (++authorizations), operation.from(), eur(1 + operation.amount() % 1_000), to,
                        START.plus(TIMEOUT), null, "holder-1"));
                Statistics.label("authorization").collect(outcome(result));
                if (!result.isExceptional()) {
                    placed.add("z" + authorizations);
                }
            }
            case CAPTURE -> {
                CommandResultMessage<?> result = send(new CaptureAuthorizationCommand(
                        pick, "c" + (++captures), 1 + operation.amount() % 400, operation.to(), "holder-1", false));
                postedCaptures += result.isExceptional() ? 0 : 1;
                Statistics.label("capture").collect(outcome(result));
            }
            case VOID -> send(new VoidAuthorizationCommand(pick, "holder-1"));
            case EXPIRE -> send(new ExpireAuthorizationCommand(pick));
            case TIME_PASSES -> ledger.advance(Duration.ofMinutes(operation.amount() % 20));
        }
    }

    /** A refusal by the ledger's rules writes nothing (the per-commit checks prove it); anything else is a bug. */
    private CommandResultMessage<?> send(Object command) {
        CommandResultMessage<?> result = ledger.send(command);
        if (result.isExceptional() && !(result.exceptionResult() instanceof LedgerRuleViolation)
                && !(result.exceptionResult()
                instanceof org.axonframework.modelling.command.AggregateNotFoundException)) {
            throw new AssertionError("unexpected failure of " + command, result.exceptionResult());
        }
        return result;
    }

    private static String outcome(CommandResultMessage<?> result) {
        return !result.isExceptional() ? "DONE"
                : result.exceptionResult() instanceof LedgerRuleViolation v ? v.code().name() : "not found";
    }

    private void assertInvariants() {
        Map<String, Long> balances = ledger.balances();
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).as("EUR sums to zero").isZero();
        assertThat(balances.getOrDefault("transit:EUR", 0L)).as("transit after a commit").isZero();
        for (String account : ACCOUNTS) {
            long balance = balances.getOrDefault(account, 0L);
            long onHold = ledger.held(account);
            assertThat(balance).as("balance of " + account).isGreaterThanOrEqualTo(-OVERDRAFT.get(account));
            assertThat(onHold).as("held on " + account).isNotNegative();
            assertThat(balance - onHold).as("available of " + account)
                                        .isGreaterThanOrEqualTo(-OVERDRAFT.get(account));
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
                Tuple.of(4, Arbitraries.just(Kind.DEPOSIT)),
                Tuple.of(1, Arbitraries.just(Kind.WITHDRAW)),
                Tuple.of(1, Arbitraries.just(Kind.FREEZE)),
                Tuple.of(1, Arbitraries.just(Kind.UNFREEZE)),
                Tuple.of(4, Arbitraries.just(Kind.AUTHORIZE)),
                Tuple.of(5, Arbitraries.just(Kind.CAPTURE)),
                Tuple.of(1, Arbitraries.just(Kind.VOID)),
                Tuple.of(1, Arbitraries.just(Kind.EXPIRE)),
                Tuple.of(1, Arbitraries.just(Kind.TIME_PASSES)));
        return Combinators.combine(kind, account, account, amount).as(Operation::new)
                          .list().ofMinSize(20).ofMaxSize(80);
    }

    enum Kind { DEPOSIT, WITHDRAW, FREEZE, UNFREEZE, AUTHORIZE, CAPTURE, VOID, EXPIRE, TIME_PASSES }

    record Operation(Kind kind, String from, String to, int amount) {
    }
}
