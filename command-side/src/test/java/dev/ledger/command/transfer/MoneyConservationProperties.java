package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.Money;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.api.transfer.RefundReleasedEvent;
import dev.ledger.api.transfer.RefundReservedEvent;
import dev.ledger.api.transfer.RefundSettledEvent;
import dev.ledger.api.transfer.RefundTransferCommand;
import dev.ledger.api.transfer.RequestTransferCommand;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.ReviewDecision;
import dev.ledger.api.transfer.ReviewTransferCommand;
import dev.ledger.command.LedgerRuleViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Any sequence of deposits, withdrawals, transfers and refunds (some held for review, then approved, rejected or
 * expired) and freezes across a few accounts keeps the ledger's invariants after every commit: the refunds of a
 * transfer never reserve more than its amount; per currency all balances
 * (customer, world and transit accounts) sum to zero, the transit account is empty (both legs of a transfer commit
 * together), no customer balance and no available amount goes below its overdraft; and once every review is
 * decided, no hold is left open.
 * <p>
 * Runs the real {@code Account} and {@link Transfer} aggregates and the real {@link TransferBooking}; the books
 * are derived from the committed events alone.
 */
class MoneyConservationProperties {

    private static final List<String> ACCOUNTS = List.of("a", "b", "c");
    private static final Map<String, Long> OVERDRAFT = Map.of("a", 0L, "b", 500L, "c", 2_000L);
    /** Transfers of at least this amount are held for review, so a good share of them are. */
    private static final long REVIEW_THRESHOLD = 2_000;

    private TransferLedger ledger;
    private final Set<String> inReview = new LinkedHashSet<>();
    private final List<String> decided = new ArrayList<>();
    private int transfers;
    private int postings;
    /** Per refunded transfer: its amount, and what its refunds reserved and have not given back. */
    private final Map<String, Long> amounts = new HashMap<>();
    private final Map<String, Long> reserved = new HashMap<>();
    private final Map<String, Long> refunded = new HashMap<>();

    @BeforeTry
    void freshLedger() {
        ledger = new TransferLedger(REVIEW_THRESHOLD);
        inReview.clear();
        decided.clear();
        transfers = 0;
        postings = 0;
        amounts.clear();
        reserved.clear();
        refunded.clear();
        ledger.afterEveryCommit(this::assertInvariants);
        ledger.afterEveryCommit(this::trackReviews);
        for (String account : ACCOUNTS) {
            ledger.sendAndExpectSuccess(new OpenAccountCommand(account, "EUR", OVERDRAFT.get(account), null, "holder-1"));
        }
    }

    @AfterTry
    void closeLedger() {
        ledger.close();
    }

    @Property(tries = 200)
    void anySequenceConservesMoneyAfterEveryCommit(@ForAll("operations") List<Operation> operations) {
        for (Operation operation : operations) {
            apply(operation);
        }
        // decide every review still open, as a reviewer or the timeout eventually does
        for (String transferId : List.copyOf(inReview)) {
            send(new ExpireTransferReviewCommand(transferId));
        }
        Statistics.label("reviews decided").collect(!decided.isEmpty());
        Statistics.label("money moved").collect(postings > 0);
        assertThat(inReview).as("reviews left open").isEmpty();
        ACCOUNTS.forEach(account -> assertThat(ledger.held(account)).as("held on " + account).isZero());
        Statistics.label("refunded").collect(!refunded.isEmpty());
        Map<String, Long> stillReserved = new HashMap<>(reserved);
        stillReserved.values().removeIf(sum -> sum == 0);
        assertThat(stillReserved).as("every review decided: only completed refunds stay reserved")
                                 .isEqualTo(refunded);
    }

    private void apply(Operation operation) {
        switch (operation.kind()) {
            case DEPOSIT -> send(new DepositMoneyCommand(operation.from(), "p" + (++postings), eur(operation.amount())));
            case WITHDRAW -> send(new WithdrawMoneyCommand(operation.from(), "p" + (++postings),
                                                           eur(operation.amount())));
            case FREEZE -> send(new FreezeAccountCommand(operation.from(), "test", null));
            case UNFREEZE -> send(new UnfreezeAccountCommand(operation.from(), "test", null));
            case TRANSFER -> {
                if (!operation.from().equals(operation.to())) {
                    send(new RequestTransferCommand("t" + (++transfers), operation.from(), operation.to(),
                                                    eur(operation.amount()), null, "holder-1"));
                }
            }
            case REFUND -> {
                // any transfer, completed or not, refund or not, some amounts beyond what is left, some of all of it
                String transferId = "t" + (1 + operation.amount() % Math.max(1, transfers));
                Long amount = operation.amount() % 3 == 0 ? null : (long) operation.amount() / 2;
                send(new RefundTransferCommand(transferId, "t" + (++transfers), amount, null, "holder-1"));
            }
            case APPROVE, REJECT, EXPIRE -> {
                // any transfer, decided or not: a decision on one not in review must be refused or ignored
                String transferId = "t" + (1 + operation.amount() % Math.max(1, transfers));
                send(switch (operation.kind()) {
                    case APPROVE -> new ReviewTransferCommand(transferId, ReviewDecision.APPROVE, "alice", null, null);
                    case REJECT -> new ReviewTransferCommand(transferId, ReviewDecision.REJECT, "alice", null, null);
                    default -> new ExpireTransferReviewCommand(transferId);
                });
            }
        }
    }

    /** A refusal by the ledger's rules writes nothing (the per-commit checks prove it); anything else is a bug. */
    private void send(Object command) {
        CommandResultMessage<?> result = ledger.send(command);
        if (result.isExceptional() && !(result.exceptionResult() instanceof LedgerRuleViolation)
                && !(result.exceptionResult() instanceof org.axonframework.modelling.command.AggregateNotFoundException)) {
            throw new AssertionError("unexpected failure of " + command, result.exceptionResult());
        }
    }

    private void trackReviews() {
        List<Object> commit = ledger.commits().get(ledger.commits().size() - 1);
        for (Object event : commit) {
            if (event instanceof TransferRequestedEvent e) {
                amounts.put(e.transferId(), e.amount().amount());
            } else if (event instanceof RefundReservedEvent e) {
                reserved.merge(e.transferId(), e.amount().amount(), Math::addExact);
            } else if (event instanceof RefundReleasedEvent e) {
                reserved.merge(e.transferId(), -e.amount().amount(), Math::addExact);
            } else if (event instanceof RefundSettledEvent e) {
                refunded.merge(e.transferId(), e.amount().amount(), Math::addExact);
            } else if (event instanceof HoldPlacedEvent e) {
                inReview.add(e.transferId());
            } else if (event instanceof HoldCapturedEvent e) {
                assertThat(inReview.remove(e.transferId())).as("capture of an open review").isTrue();
                decided.add(e.transferId());
            } else if (event instanceof HoldReleasedEvent e) {
                assertThat(inReview.remove(e.transferId())).as("release of an open review").isTrue();
                decided.add(e.transferId());
            }
        }
    }

    private void assertInvariants() {
        reserved.forEach((transferId, sum) -> assertThat(sum).as("refunds of %s", transferId)
                                                             .isBetween(0L, amounts.get(transferId)));
        Map<String, Long> balances = ledger.balances();
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).as("EUR sums to zero").isZero();
        assertThat(balances.getOrDefault("transit:EUR", 0L)).as("transit after a commit").isZero();
        for (String account : ACCOUNTS) {
            long balance = balances.getOrDefault(account, 0L);
            long onHold = ledger.held(account);
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
                Tuple.of(3, Arbitraries.just(Kind.DEPOSIT)),
                Tuple.of(2, Arbitraries.just(Kind.WITHDRAW)),
                Tuple.of(5, Arbitraries.just(Kind.TRANSFER)),
                Tuple.of(1, Arbitraries.just(Kind.FREEZE)),
                Tuple.of(1, Arbitraries.just(Kind.UNFREEZE)),
                Tuple.of(2, Arbitraries.just(Kind.APPROVE)),
                Tuple.of(1, Arbitraries.just(Kind.REJECT)),
                Tuple.of(1, Arbitraries.just(Kind.EXPIRE)),
                Tuple.of(3, Arbitraries.just(Kind.REFUND)));
        return Combinators.combine(kind, account, account, amount).as(Operation::new)
                          .list().ofMinSize(5).ofMaxSize(60);
    }

    enum Kind { DEPOSIT, WITHDRAW, TRANSFER, FREEZE, UNFREEZE, APPROVE, REJECT, EXPIRE, REFUND }

    record Operation(Kind kind, String from, String to, int amount) {
    }
}
