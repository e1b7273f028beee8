package dev.ledger.query.reconciliation;

import dev.ledger.query.freshness.ProjectionProgress;
import dev.ledger.query.processors.ProcessingGroups;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation: the event store folded up to the head position it had when the run started, compared with
 * the account summary, the statement entries, the double-entry invariant and the transfers ({@link TransferCheck}).
 * <p>
 * <b>In-flight events.</b> The projections keep running during a run, so a row may be behind the scan (its
 * projection has not applied the newest events yet) or ahead of it (it applied events appended after the run
 * started, or committed late into a gap the scan had passed). The read model is therefore read in one
 * REPEATABLE READ snapshot, in which each row is exactly the fold of its stream up to the row's version and each
 * system row the sum of the contra legs of exactly those versions (the projection writes both in one
 * transaction). A row at the scan's version is compared as it is; a row at another version is compared with its
 * stream re-read and folded up to the row's own version, and the system rows' expectation is moved by the contra
 * legs between the two versions. A row behind the scan is then given time to catch up ({@code settle-timeout}):
 * if it does, or if its projection has not passed the run's head position yet, it was in flight
 * ({@link DivergenceKind#IN_FLIGHT}, not a divergence); if the projection has passed the head and the row is
 * still behind, it missed events ({@link DivergenceKind#VERSION_MISMATCH} or {@link DivergenceKind#MISSING_ROW}).
 * Statement entries of completed transfers are judged the same way against the statement projection's head.
 * <p>
 * <b>Repair</b> rewrites divergent rows per currency in one transaction, customer rows guarded by the version
 * that was compared (a concurrent event wins, and the currency's repair is rolled back), system rows moved by the
 * measured difference. Statements are not rewritten here: a missing entry is repaired by replaying the
 * account-statement projection, and transfer rows by replaying the transfers projection.
 * <p>
 * This class runs the phases in order; each phase is a class with its own state: {@link StatementCheck},
 * {@link EventStoreCheck}, {@link SummarySnapshot}, {@link Realignment} (and the settling), {@link SystemRowCheck},
 * {@link TransferCheck}, and the {@link RepairPlan} the account phases fill.
 */
final class ReconciliationRun {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationRun.class);

    private static final Duration POLL = Duration.ofMillis(200);

    /** Told about the run's progress, for heartbeats and the run's status. */
    interface Listener {
        void reached(long headPosition, long position, long eventsRead);
    }

    /** What a finished run reports; {@code transfersChecked} counts the transfers compared with their rows. */
    record Outcome(long headPosition, long eventsRead, long accountsChecked, long transfersChecked,
                   Findings findings, int repairedCount) {
    }

    private final ReconciliationContext context;
    private final boolean repair;
    private final String currency;
    private final Scope scope;
    private final Listener listener;
    private final Findings findings;
    private final RepairPlan plan = new RepairPlan();

    ReconciliationRun(ReconciliationContext context, boolean repair, String currency, Listener listener) {
        this.context = context;
        this.repair = repair;
        this.currency = currency;
        this.scope = new Scope(currency);
        this.listener = listener;
        this.findings = new Findings(context.properties().maxReported());
    }

    Outcome execute() {
        Instant started = Instant.now();
        long head = headPosition();
        listener.reached(head, -1, 0);
        int maxRealigned = context.properties().maxRealigned();
        StatementCheck statements = new StatementCheck(context.accounts(), scope, maxRealigned, this::add);
        Recomputation ledger = new Recomputation(statements::completedTransfer);
        TransferLedger transfers = new TransferLedger();
        long read = head < 0 ? 0 : context.scan().scan(head, (type, id, sequence, payload) -> {
            ledger.accept(type, id, sequence, payload);
            transfers.accept(type, id, sequence, payload);
        }, (position, events) -> listener.reached(head, position, events));
        ledger.finish();
        statements.flush();
        log.info("reconciliation scanned {} events up to position {}: {} accounts, {} system accounts, "
                         + "{} completed transfers", read, head, ledger.accounts().size(), ledger.systems().size(),
                 ledger.completedTransfers());

        Map<String, BigInteger> eventStoreSums = EventStoreCheck.check(ledger, scope, this::add);
        CustomerRowCheck customers = new CustomerRowCheck(this::add, plan);
        SummarySnapshot snapshot = new SummarySnapshot(scope, maxRealigned, customers, this::add);
        snapshot.read(context.accounts(), ledger);
        int offTheScan = snapshot.unaligned().size();
        Realignment realignment = new Realignment(context.eventStore(), customers, plan, this::add);
        realignment.realign(snapshot.unaligned());
        log.info("reconciliation compared {} accounts; {} rows were off the scanned version ({} behind it), "
                         + "{} statement entries not there yet", snapshot.accountsChecked(), offTheScan,
                 realignment.behind(), statements.behind());
        settle(head, realignment, statements);
        SystemRowCheck systems = new SystemRowCheck(scope, plan, this::add);
        systems.compare(ledger, snapshot.systemRows(), realignment.systemAdjustments(), snapshot.notRealigned());
        snapshot.checkInvariant();
        long transfersChecked = new TransferCheck(context, currency, this::add, started).check(transfers, head);
        int repaired = repair
                ? plan.apply(context.accounts(), findings, eventStoreSums, snapshot.readModelSums()) : 0;
        return new Outcome(head, read, snapshot.accountsChecked() + systems.accountsChecked(), transfersChecked,
                           findings, repaired);
    }

    private long headPosition() {
        TrackingToken head = context.eventStore().createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /**
     * Waits up to {@code settle-timeout} for the rows and statement entries behind the scan, then tells the ones
     * still behind apart: in flight while their projection has not passed the run's head, missed events after.
     */
    private void settle(long head, Realignment rows, StatementCheck entries) {
        long deadline = System.nanoTime() + context.properties().settleTimeout().toNanos();
        rows.startSettling();
        entries.startSettling();
        while (true) {
            rows.recheck(context.accounts());
            entries.recheck();
            if ((rows.settled() && entries.settled()) || System.nanoTime() >= deadline) {
                break;
            }
            sleep(POLL);
        }
        ProjectionProgress.Progress summary = context.progress().ofEverySegment(ProcessingGroups.ACCOUNT_SUMMARY);
        rows.judge(summary, passed(summary, head), head);
        entries.judge(passed(context.progress().ofEverySegment(ProcessingGroups.ACCOUNT_STATEMENT), head));
    }

    private static boolean passed(ProjectionProgress.Progress progress, long head) {
        return progress.position() != null && progress.position() >= head && !progress.replaying();
    }

    private void add(Divergence finding) {
        findings.add(finding);
        plan.counted(finding);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReconciliationInterruptedException();
        }
    }
}
