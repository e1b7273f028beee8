package dev.ledger.query.support;

import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.account.AccountClosedEvent;
import dev.ledger.api.account.AccountFrozenEvent;
import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozenEvent;
import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.HoldPlacedEvent;
import dev.ledger.api.account.HoldRejectedEvent;
import dev.ledger.api.account.HoldReleasedEvent;
import dev.ledger.api.account.MoneyDepositedEvent;
import dev.ledger.api.account.MoneyWithdrawnEvent;
import dev.ledger.api.account.TransferCreditRejectedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.api.transfer.TransferApprovedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import dev.ledger.api.transfer.TransferFailedEvent;
import dev.ledger.api.transfer.TransferRejectedEvent;
import dev.ledger.api.transfer.TransferRequestedEvent;
import dev.ledger.api.transfer.TransferScreenedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A seeded, realistic history of one currency, appended the way the command side's aggregates and transfer
 * process would: a small model of every account (balance, held, status) decides each event exactly as
 * {@code Account} does (holds and withdrawals must be covered, frozen accounts refuse holds and credits but let
 * captures and releases through), and a random scheduler interleaves deposits, withdrawals, freezes and a dozen
 * concurrent transfers step by step, so holds overlap, credits land between other transfers' legs, and so on.
 * <p>
 * The structure depends only on the seed; every id (accounts, transfers, postings, correlation) starts with the
 * namespace. Two histories with the same seed and start differ only in that prefix, so both can be projected into
 * one database and compared after stripping it. The model's final state is kept as the expected read model.
 * <p>
 * Principals as the command side stamps them: each account is owned by a holder of its own ({@code holder-1} ...),
 * except {@code acc-5}, opened before the ledger had principals; deposits and withdrawals are a treasury's, freezes
 * compliance's, a transfer's request and what it commits with it its source owner's, a review decision and what
 * it commits the reviewer's ({@code rita}).
 * <p>
 * Accounts: {@code acc-1} and {@code acc-2} are never frozen and keep a reserve withdrawals cannot touch, so the
 * transfers planned to complete always do; {@code acc-3} and {@code acc-4} (with an overdraft) get frozen now and
 * then, so other transfers touching them may be refused by the model; {@code acc-5} is funded, emptied and
 * closed. Transfers always include at least one of each path: completed, approved after review and completed,
 * hold rejected for insufficient funds, failed (credit refused by a frozen destination, hold released), rejected
 * in review, denied by screening.
 * <p>
 * Transfers come in both shapes the store holds: the transfer process of older histories (one command, one
 * commit per step), and the shape the command side appends now, where a transfer commits once: request,
 * screening and either both legs and the completion, or the refusal; a transfer screened for review commits its
 * hold with the screening and, later, the reviewer's decision with its capture and credit or its release. Each of
 * those paths is generated at least once too.
 */
public final class GeneratedHistory {

    /** The transfers' paths, as the model decided them. */
    public enum Path {
        COMPLETED, APPROVED_COMPLETED, HOLD_REJECTED, CREDIT_REJECTED_FAILED, REVIEW_REJECTED, SCREENING_DENIED,
        /** One commit: screened, both legs posted, completed. */
        POSTED_AT_ONCE,
        /** One commit: screened, refused by an account (funds, frozen, closed). */
        REFUSED_AT_ONCE,
        /** Held with the screening for review; approved, captured, credited and completed in one commit. */
        REVIEW_HELD_COMPLETED,
        /** Held with the screening for review; approved, but the destination refused: released, failed. */
        REVIEW_HELD_FAILED,
        /** Held with the screening for review; rejected by the reviewer or timed out, released. */
        REVIEW_HELD_REJECTED,
        /** Screened for review, but the source refused the hold: rejected in the same commit. */
        REVIEW_HOLD_REFUSED
    }

    public record ExpectedAccount(String accountId, String owner, long balance, long held, long overdraftLimit,
                                  String status, long version, int postings) {
    }

    public record ExpectedTransfer(String transferId, Path path, String status, String screeningDecision,
                                   List<String> steps, String requestedBy, long version) {
    }

    private static final long STABLE_RESERVE = 60_000;

    private final String namespace;
    private final String currency;
    private final DomainEvents events;
    private final Random random;
    private final List<Acc> accounts = new ArrayList<>();
    private final List<TransferRun> transfers = new ArrayList<>();
    private int postings;

    private GeneratedHistory(long seed, String namespace, String currency, Instant start) {
        this.namespace = namespace;
        this.currency = currency;
        this.events = new DomainEvents(start, namespace + "corr");
        this.random = new Random(seed);
    }

    public static GeneratedHistory generate(long seed, String namespace, String currency, Instant start) {
        GeneratedHistory history = new GeneratedHistory(seed, namespace, currency, start);
        history.build();
        return history;
    }

    public String namespace() {
        return namespace;
    }

    public String currency() {
        return currency;
    }

    /** Every event, in store order. */
    public List<DomainEventMessage<?>> events() {
        return events.all();
    }

    public String worldAccount() {
        return LedgerIds.systemAccountOf(currency);
    }

    public String transitAccount() {
        return LedgerIds.transitAccountOf(currency);
    }

    /** The customer accounts as the model left them, in id order. */
    public List<ExpectedAccount> expectedAccounts() {
        return accounts.stream()
                       .map(a -> new ExpectedAccount(a.id, a.owner, a.balance, a.held, a.overdraft,
                                                     a.status.name(), events.versionOf(a.id), a.postings))
                       .toList();
    }

    /** The transfers as the model left them, in id order. */
    public List<ExpectedTransfer> expectedTransfers() {
        return transfers.stream()
                        .map(t -> new ExpectedTransfer(t.id, t.path, t.status, t.decision.name(),
                                                       List.copyOf(t.steps), t.source.owner,
                                                       events.versionOf(t.id)))
                        .toList();
    }

    /** What the world account must have moved by: the opposite of all customer balances. */
    public long expectedWorldDelta() {
        return -accounts.stream().mapToLong(a -> a.balance).sum();
    }

    /** Event counts by type and transfer counts by path, for logs. */
    public String summary() {
        Map<String, Integer> types = new TreeMap<>();
        events.all().forEach(e -> types.merge(e.getPayloadType().getSimpleName().replace("Event", ""), 1,
                                              Integer::sum));
        Map<Path, Integer> paths = new EnumMap<>(Path.class);
        transfers.forEach(t -> paths.merge(t.path, 1, Integer::sum));
        return events.all().size() + " events " + types + ", transfers " + paths;
    }

    // --- generation -------------------------------------------------------------------------------------------

    private void build() {
        Acc one = open("acc-1", true, 0, "owner-1", "holder-1");
        Acc two = open("acc-2", true, 0, "owner-2", "holder-2");
        Acc three = open("acc-3", false, 0, null, "holder-3");
        Acc four = open("acc-4", false, 10_000, "owner-4", "holder-4");
        Acc five = open("acc-5", false, 0, null, null);
        deposit(one, 150_000);
        deposit(two, 150_000);
        deposit(three, 20_000);
        deposit(four, 5_000);
        deposit(five, 7_500);
        List<Acc> stable = List.of(one, two);
        List<Acc> busy = List.of(one, two, three, four);
        List<Acc> freezable = List.of(three, four);

        List<Activity> activities = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Acc acc = pick(busy);
            long amount = 1_000 + 100L * random.nextInt(191);
            activities.add(when(() -> acc.status == AccountStatus.OPEN, () -> deposit(acc, amount)));
        }
        for (int i = 0; i < 6; i++) {
            Acc acc = pick(busy);
            long amount = 500 + 100L * random.nextInt(76);
            activities.add(when(() -> acc.status == AccountStatus.OPEN, () -> withdrawIfCovered(acc, amount)));
        }
        for (int i = 0; i < 2; i++) {
            activities.add(new FreezeWindow(pick(freezable)));
        }
        activities.add(new Closing(five));

        // one of each path for sure, then some whose fate the model decides
        Acc from = pick(stable);
        activities.add(transfer(from, otherThan(stable, from), amount(), Plan.PASS, false));
        from = pick(stable);
        activities.add(transfer(from, otherThan(stable, from), amount() + 2_500, Plan.REVIEW_APPROVE, false));
        from = pick(busy);
        activities.add(transfer(from, otherThan(busy, from), 1_000_000, Plan.PASS, false));
        activities.add(transfer(pick(stable), pick(freezable), amount(), Plan.PASS, true));
        from = pick(busy);
        activities.add(transfer(from, otherThan(busy, from), amount() + 2_500, Plan.REVIEW_REJECT, false));
        from = pick(busy);
        activities.add(transfer(from, otherThan(busy, from), amount(), Plan.DENY, false));
        // the same in the shape transfers commit in now
        from = pick(stable);
        activities.add(transfer(from, otherThan(stable, from), amount(), Plan.PASS, false).atOnce());
        from = pick(busy);
        activities.add(transfer(from, otherThan(busy, from), 1_000_000, Plan.PASS, false).atOnce());
        from = pick(stable);
        activities.add(transfer(from, otherThan(stable, from), amount() + 2_500, Plan.REVIEW_APPROVE, false)
                               .atOnce());
        activities.add(transfer(pick(stable), pick(freezable), amount() + 2_500, Plan.REVIEW_APPROVE, true)
                               .atOnce());
        from = pick(stable);
        activities.add(transfer(from, otherThan(stable, from), amount() + 2_500, Plan.REVIEW_REJECT, false)
                               .atOnce());
        from = pick(busy);
        activities.add(transfer(from, otherThan(busy, from), 1_000_000, Plan.REVIEW_REJECT, false).atOnce());
        from = pick(busy);
        activities.add(transfer(from, otherThan(busy, from), amount(), Plan.DENY, false).atOnce());
        for (int i = 0; i < 8; i++) {
            Plan plan = random.nextInt(5) == 0 ? Plan.REVIEW_APPROVE : Plan.PASS;
            from = pick(busy);
            TransferRun run = transfer(from, otherThan(busy, from), amount() + (plan == Plan.PASS ? 0 : 2_500), plan,
                                       false);
            activities.add(random.nextBoolean() ? run.atOnce() : run);
        }

        while (!activities.isEmpty()) {
            List<Activity> ready = activities.stream().filter(Activity::ready).toList();
            if (ready.isEmpty()) {
                throw new IllegalStateException("history generator stuck");
            }
            Activity next = ready.get(random.nextInt(ready.size()));
            if (next.step()) {
                activities.remove(next);
            }
        }
        if (accounts.stream().anyMatch(a -> a.held != 0 || a.freezeOwner != null)) {
            throw new IllegalStateException("history generator left holds or freezes open");
        }
    }

    /** 500 to 2,000; reviewed transfers add 2,500 to pass the review threshold. */
    private long amount() {
        return 500 + 100L * random.nextInt(16);
    }

    private TransferRun transfer(Acc source, Acc destination, long amount, Plan plan, boolean freezeDestination) {
        TransferRun run = new TransferRun(namespace + String.format("tr-%02d", transfers.size() + 1), source,
                                          destination, new Money(amount, currency), plan, freezeDestination);
        transfers.add(run);
        return run;
    }

    private Acc pick(List<Acc> from) {
        return from.get(random.nextInt(from.size()));
    }

    private Acc otherThan(List<Acc> from, Acc not) {
        Acc acc;
        do {
            acc = pick(from);
        } while (acc == not);
        return acc;
    }

    private Acc open(String name, boolean stable, long overdraft, String ownerRef, String holder) {
        String owner = holder == null ? null : namespace + holder;
        Acc acc = new Acc(namespace + name, stable, overdraft, owner);
        accounts.add(acc);
        events.as(owner).account(acc.id, new AccountOpenedEvent(acc.id, currency, overdraft, ownerRef, owner));
        return acc;
    }

    private void deposit(Acc acc, long amount) {
        events.as(namespace + "treasury");
        acc.balance += amount;
        acc.postings++;
        events.account(acc.id, new MoneyDepositedEvent(acc.id, namespace + "dep-" + (++postings),
                                                       new Money(amount, currency), acc.balance, worldAccount()));
    }

    /** A refused withdrawal appends nothing, as on the command side. */
    private void withdrawIfCovered(Acc acc, long amount) {
        long reserve = acc.stable ? STABLE_RESERVE : 0;
        if (acc.available() - amount < reserve) {
            return;
        }
        events.as(namespace + "treasury");
        acc.balance -= amount;
        acc.postings++;
        events.account(acc.id, new MoneyWithdrawnEvent(acc.id, namespace + "wd-" + (++postings),
                                                       new Money(amount, currency), acc.balance, worldAccount()));
    }

    private void freeze(Acc acc, Object owner, String reason) {
        acc.status = AccountStatus.FROZEN;
        acc.freezeOwner = owner;
        events.as(namespace + "compliance").account(acc.id, new AccountFrozenEvent(acc.id, reason));
    }

    private void unfreeze(Acc acc, String reason) {
        acc.status = AccountStatus.OPEN;
        acc.freezeOwner = null;
        events.as(namespace + "compliance").account(acc.id, new AccountUnfrozenEvent(acc.id, reason));
    }

    private static Activity when(BooleanSupplier ready, Runnable step) {
        return new Activity() {
            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }

            @Override
            public boolean step() {
                step.run();
                return true;
            }
        };
    }

    // --- model ------------------------------------------------------------------------------------------------

    private interface Activity {
        boolean ready();

        /** Appends the next step's events; true when the activity is done. */
        boolean step();
    }

    private static final class Acc {
        final String id;
        final boolean stable;
        final long overdraft;
        final String owner;
        long balance;
        long held;
        int postings;
        AccountStatus status = AccountStatus.OPEN;
        Object freezeOwner;

        Acc(String id, boolean stable, long overdraft, String owner) {
            this.id = id;
            this.stable = stable;
            this.overdraft = overdraft;
            this.owner = owner;
        }

        long available() {
            return balance + overdraft - held;
        }
    }

    /** An operator freezes an account for a while. */
    private final class FreezeWindow implements Activity {
        private final Acc acc;
        private boolean frozen;

        FreezeWindow(Acc acc) {
            this.acc = acc;
        }

        @Override
        public boolean ready() {
            return frozen || (acc.status == AccountStatus.OPEN && acc.freezeOwner == null);
        }

        @Override
        public boolean step() {
            if (!frozen) {
                freeze(acc, this, "compliance check");
                frozen = true;
                return false;
            }
            unfreeze(acc, "check passed");
            return true;
        }
    }

    /** The customer takes everything out and closes the account. */
    private final class Closing implements Activity {
        private final Acc acc;
        private boolean emptied;

        Closing(Acc acc) {
            this.acc = acc;
        }

        @Override
        public boolean ready() {
            return acc.status == AccountStatus.OPEN && acc.held == 0;
        }

        @Override
        public boolean step() {
            if (!emptied) {
                withdrawIfCovered(acc, acc.balance);
                emptied = true;
                return false;
            }
            acc.status = AccountStatus.CLOSED;
            events.as(namespace + "operator").account(acc.id, new AccountClosedEvent(acc.id, "customer left"));
            return true;
        }
    }

    private enum Plan { PASS, REVIEW_APPROVE, REVIEW_REJECT, DENY }

    private enum Phase {
        REQUEST, SCREEN, REVIEW, DENIAL, HOLD, FREEZE_DESTINATION, CREDIT, CAPTURE, COMPLETE, REJECT, RELEASE, FAIL,
        UNFREEZE_DESTINATION, DECIDE_HELD
    }

    /**
     * One transfer as the Transfer aggregate and the transfer process drive it, one command per step; the steps
     * list mirrors the timeline the transfers projection shows.
     */
    private final class TransferRun implements Activity {
        final String id;
        final Acc source;
        final Acc destination;
        final Money amount;
        final Plan plan;
        final boolean freezeDestination;
        final List<String> steps = new ArrayList<>();
        /** Whether the transfer commits once (the current command side) rather than step by step. */
        boolean atOnce;
        ScreeningDecision decision;
        String status;
        Path path;
        RejectionReason refusal;
        Phase phase = Phase.REQUEST;

        TransferRun(String id, Acc source, Acc destination, Money amount, Plan plan, boolean freezeDestination) {
            this.id = id;
            this.source = source;
            this.destination = destination;
            this.amount = amount;
            this.plan = plan;
            this.freezeDestination = freezeDestination;
        }

        private String holdId() {
            return id + ":hold";
        }

        TransferRun atOnce() {
            atOnce = true;
            return this;
        }

        @Override
        public boolean ready() {
            return phase != Phase.FREEZE_DESTINATION
                    || (destination.status == AccountStatus.OPEN && destination.freezeOwner == null);
        }

        @Override
        public boolean step() {
            long value = amount.amount();
            // a review decision and what it commits are the reviewer's; everything else follows the request
            events.as(phase == Phase.REVIEW || phase == Phase.DECIDE_HELD ? namespace + "rita" : source.owner);
            switch (phase) {
                case REQUEST -> {
                    events.transfer(id, new TransferRequestedEvent(id, source.id, destination.id, amount,
                                                                   "ref " + id.substring(namespace.length()),
                                                                   source.owner, source.owner, destination.owner));
                    enter("REQUESTED");
                    phase = Phase.SCREEN;
                    if (atOnce) {
                        return requestAtOnce();
                    }
                }
                case DECIDE_HELD -> {
                    return decideHeld();
                }
                case SCREEN -> screen();
                case REVIEW -> {
                    if (plan == Plan.REVIEW_APPROVE) {
                        events.transfer(id, new TransferApprovedEvent(id, "rita", "known customer"));
                        steps.add("APPROVED");
                        phase = Phase.HOLD;
                    } else {
                        events.transfer(id, new TransferRejectedEvent(id, RejectionReason.REVIEW_REJECTED,
                                                                      "rejected by rita: unusual pattern"));
                        enter("REJECTED");
                        path = Path.REVIEW_REJECTED;
                        return true;
                    }
                }
                case DENIAL -> {
                    // appended with the screening; the status is terminal already, so no second step
                    events.transfer(id, new TransferRejectedEvent(id, RejectionReason.SCREENING_DENIED,
                                                                  "screening: deny-list"));
                    path = Path.SCREENING_DENIED;
                    return true;
                }
                case HOLD -> {
                    refusal = source.status == AccountStatus.FROZEN ? RejectionReason.ACCOUNT_FROZEN
                            : source.status == AccountStatus.CLOSED ? RejectionReason.ACCOUNT_CLOSED
                            : value > source.available() ? RejectionReason.INSUFFICIENT_FUNDS : null;
                    if (refusal != null) {
                        events.account(source.id, new HoldRejectedEvent(source.id, holdId(), id, amount, refusal));
                        steps.add("HOLD_REJECTED");
                        phase = Phase.REJECT;
                    } else {
                        source.held += value;
                        events.account(source.id, new HoldPlacedEvent(source.id, holdId(), id, amount,
                                                                      source.held));
                        enter("FUNDS_RESERVED");
                        phase = freezeDestination ? Phase.FREEZE_DESTINATION : Phase.CREDIT;
                    }
                }
                case FREEZE_DESTINATION -> {
                    freeze(destination, this, "dispute");
                    phase = atOnce ? Phase.DECIDE_HELD : Phase.CREDIT;
                }
                case CREDIT -> {
                    if (destination.status != AccountStatus.OPEN) {
                        refusal = destination.status == AccountStatus.FROZEN ? RejectionReason.ACCOUNT_FROZEN
                                : RejectionReason.ACCOUNT_CLOSED;
                        events.account(destination.id, new TransferCreditRejectedEvent(destination.id, id, amount,
                                                                                       refusal));
                        steps.add("CREDIT_REJECTED");
                        phase = Phase.RELEASE;
                    } else {
                        destination.balance += value;
                        destination.postings++;
                        events.account(destination.id, new TransferCreditedEvent(
                                destination.id, id, id + ":credit", amount, destination.balance, transitAccount()));
                        steps.add("DESTINATION_CREDITED");
                        phase = Phase.CAPTURE;
                    }
                }
                case CAPTURE -> {
                    // not refused when the source was frozen in the meantime: the reservation settles
                    source.balance -= value;
                    source.held -= value;
                    source.postings++;
                    events.account(source.id, new HoldCapturedEvent(source.id, holdId(), id, id + ":debit", amount,
                                                                    source.balance, source.held, transitAccount()));
                    steps.add("SOURCE_DEBITED");
                    phase = Phase.COMPLETE;
                }
                case COMPLETE -> {
                    events.transfer(id, new TransferCompletedEvent(id, source.id, destination.id, amount));
                    enter("COMPLETED");
                    path = plan == Plan.REVIEW_APPROVE ? Path.APPROVED_COMPLETED : Path.COMPLETED;
                    return true;
                }
                case REJECT -> {
                    events.transfer(id, new TransferRejectedEvent(id, refusal, null));
                    enter("REJECTED");
                    path = Path.HOLD_REJECTED;
                    return true;
                }
                case RELEASE -> {
                    source.held -= value;
                    events.account(source.id, new HoldReleasedEvent(source.id, holdId(), id, amount, source.held,
                                                                    refusal.name()));
                    steps.add("FUNDS_RELEASED");
                    phase = Phase.FAIL;
                }
                case FAIL -> {
                    events.transfer(id, new TransferFailedEvent(id, refusal, null));
                    enter("FAILED");
                    path = Path.CREDIT_REJECTED_FAILED;
                    if (destination.freezeOwner == this) {
                        phase = Phase.UNFREEZE_DESTINATION;
                        return false;
                    }
                    return true;
                }
                case UNFREEZE_DESTINATION -> {
                    unfreeze(destination, "dispute resolved");
                    return true;
                }
                default -> throw new IllegalStateException("unexpected phase " + phase);
            }
            return false;
        }

        /** Request, screening and what follows in one commit, as the command side appends a transfer now. */
        private boolean requestAtOnce() {
            screen();
            long value = amount.amount();
            switch (decision) {
                case DENIED -> {
                    events.transfer(id, new TransferRejectedEvent(id, RejectionReason.SCREENING_DENIED,
                                                                  "screening: deny-list"));
                    path = Path.SCREENING_DENIED;
                    return true;
                }
                case PASSED -> {
                    refusal = refusalOfSource(value);
                    if (refusal == null && destination.status != AccountStatus.OPEN) {
                        refusal = destination.status == AccountStatus.FROZEN ? RejectionReason.ACCOUNT_FROZEN
                                : RejectionReason.ACCOUNT_CLOSED;
                    }
                    if (refusal != null) {
                        events.transfer(id, new TransferRejectedEvent(id, refusal, null));
                        enter("REJECTED");
                        path = Path.REFUSED_AT_ONCE;
                        return true;
                    }
                    source.balance -= value;
                    source.postings++;
                    events.account(source.id, new TransferDebitedEvent(source.id, id, id + ":debit", amount,
                                                                       source.balance, transitAccount()));
                    steps.add("SOURCE_DEBITED");
                    credit(value);
                    complete();
                    path = Path.POSTED_AT_ONCE;
                    return true;
                }
                default -> {
                    refusal = refusalOfSource(value);
                    if (refusal != null) {
                        events.transfer(id, new TransferRejectedEvent(id, refusal, null));
                        enter("REJECTED");
                        path = Path.REVIEW_HOLD_REFUSED;
                        return true;
                    }
                    source.held += value;
                    events.account(source.id, new HoldPlacedEvent(source.id, holdId(), id, amount, source.held));
                    // waits for its reviewer IN_REVIEW; the reservation is a step
                    steps.add("FUNDS_RESERVED");
                    phase = freezeDestination ? Phase.FREEZE_DESTINATION : Phase.DECIDE_HELD;
                    return false;
                }
            }
        }

        /** The reviewer's decision on a transfer held since its screening, in one commit. */
        private boolean decideHeld() {
            long value = amount.amount();
            if (plan == Plan.REVIEW_REJECT) {
                // a reviewer's rejection and a review that timed out have the same shape
                boolean timedOut = random.nextBoolean();
                refusal = timedOut ? RejectionReason.REVIEW_TIMED_OUT : RejectionReason.REVIEW_REJECTED;
                events.transfer(id, new TransferRejectedEvent(id, refusal, timedOut ? "no decision in time"
                        : "rejected by rita: unusual pattern"));
                enter("REJECTED");
                release(value);
                path = Path.REVIEW_HELD_REJECTED;
                return true;
            }
            events.transfer(id, new TransferApprovedEvent(id, "rita", "known customer"));
            steps.add("APPROVED");
            if (destination.status != AccountStatus.OPEN) {
                refusal = destination.status == AccountStatus.FROZEN ? RejectionReason.ACCOUNT_FROZEN
                        : RejectionReason.ACCOUNT_CLOSED;
                release(value);
                events.transfer(id, new TransferFailedEvent(id, refusal, null));
                enter("FAILED");
                path = Path.REVIEW_HELD_FAILED;
                if (destination.freezeOwner == this) {
                    phase = Phase.UNFREEZE_DESTINATION;
                    return false;
                }
                return true;
            }
            capture(value);
            credit(value);
            complete();
            path = Path.REVIEW_HELD_COMPLETED;
            return true;
        }

        private RejectionReason refusalOfSource(long value) {
            return source.status == AccountStatus.FROZEN ? RejectionReason.ACCOUNT_FROZEN
                    : source.status == AccountStatus.CLOSED ? RejectionReason.ACCOUNT_CLOSED
                    : value > source.available() ? RejectionReason.INSUFFICIENT_FUNDS : null;
        }

        private void credit(long value) {
            destination.balance += value;
            destination.postings++;
            events.account(destination.id, new TransferCreditedEvent(destination.id, id, id + ":credit", amount,
                                                                     destination.balance, transitAccount()));
            steps.add("DESTINATION_CREDITED");
        }

        private void capture(long value) {
            source.balance -= value;
            source.held -= value;
            source.postings++;
            events.account(source.id, new HoldCapturedEvent(source.id, holdId(), id, id + ":debit", amount,
                                                            source.balance, source.held, transitAccount()));
            steps.add("SOURCE_DEBITED");
        }

        private void release(long value) {
            source.held -= value;
            events.account(source.id, new HoldReleasedEvent(source.id, holdId(), id, amount, source.held,
                                                            refusal.name()));
            steps.add("FUNDS_RELEASED");
        }

        private void complete() {
            events.transfer(id, new TransferCompletedEvent(id, source.id, destination.id, amount));
            enter("COMPLETED");
        }

        private void screen() {
            List<ScreeningRuleHit> hits;
            switch (plan) {
                case PASS -> {
                    decision = ScreeningDecision.PASSED;
                    hits = List.of();
                }
                case DENY -> {
                    decision = ScreeningDecision.DENIED;
                    hits = List.of(new ScreeningRuleHit("deny-list", ScreeningDecision.DENIED,
                                                        Map.of("party", destination.id)));
                }
                default -> {
                    decision = ScreeningDecision.REVIEW;
                    Map<String, String> inputs = new LinkedHashMap<>();
                    inputs.put("amount", Long.toString(amount.amount()));
                    inputs.put("threshold", "2500");
                    hits = List.of(new ScreeningRuleHit("amount-threshold", ScreeningDecision.REVIEW, inputs));
                }
            }
            events.transfer(id, new TransferScreenedEvent(id, decision, hits));
            steps.add("SCREENING");
            switch (decision) {
                case PASSED -> {
                    status = "SCREENING";
                    phase = Phase.HOLD;
                }
                case REVIEW -> {
                    enter("IN_REVIEW");
                    phase = Phase.REVIEW;
                }
                case DENIED -> {
                    enter("REJECTED");
                    phase = Phase.DENIAL;
                }
            }
        }

        private void enter(String newStatus) {
            status = newStatus;
            steps.add(newStatus);
        }
    }
}
