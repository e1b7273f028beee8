package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.IN_FLIGHT;
import static dev.ledger.query.reconciliation.DivergenceKind.MISSING_ROW;
import static dev.ledger.query.reconciliation.DivergenceKind.UNEXPECTED_ROW;
import static dev.ledger.query.reconciliation.DivergenceKind.VERSION_MISMATCH;

import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.query.account.AccountReadModel;
import dev.ledger.query.account.AccountReadModel.SummaryRow;
import dev.ledger.query.account.RowRepair;
import dev.ledger.query.freshness.ProjectionProgress;
import dev.ledger.query.reconciliation.SummarySnapshot.Unaligned;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The customer rows that are not at the scan's version, each compared with its stream re-read and folded up to the
 * row's own version; the contra legs between the two versions move what the system rows are expected to hold. A
 * row behind the scan is then given time to catch up (the settling): if it does, or if its projection has not
 * passed the run's head position yet, it was in flight; if the projection has passed the head and the row is still
 * behind, it missed events.
 */
final class Realignment {

    /** A row behind the scan, waiting to catch up. */
    private record Behind(String accountId, String currency, SummaryRow row, AccountState scanned,
                          Map<String, BigInteger> adjustments, AccountOpenedEvent opened) {
    }

    private final EventStore eventStore;
    private final CustomerRowCheck customers;
    private final RepairPlan plan;
    private final Consumer<Divergence> report;
    private final List<Behind> behind = new ArrayList<>();
    // differences of system balances add up a whole currency: BigIntegers
    private final Map<String, BigInteger> systemAdjustments = new HashMap<>();
    private Map<String, Behind> waiting = Map.of();

    Realignment(EventStore eventStore, CustomerRowCheck customers, RepairPlan plan,
                Consumer<Divergence> report) {
        this.eventStore = eventStore;
        this.customers = customers;
        this.plan = plan;
        this.report = report;
    }

    /** Re-reads the stream of every row that is not at the scan's version and compares it at its own version. */
    void realign(List<Unaligned> unaligned) {
        for (Unaligned entry : unaligned) {
            ReconciliationInterruptedException.checkInterrupted();
            realign(entry);
        }
        unaligned.clear();
    }

    private void realign(Unaligned entry) {
        String accountId = entry.accountId();
        SummaryRow row = entry.row();
        AccountState scanned = entry.scanned();
        long scannedVersion = scanned == null ? -1 : scanned.version;
        long rowVersion = row == null ? -1 : row.version();
        long low = Math.min(scannedVersion, rowVersion);
        long high = Math.max(scannedVersion, rowVersion);
        long sign = rowVersion > scannedVersion ? 1 : -1;

        AccountState atRow = new AccountState();
        AccountState latest = new AccountState();
        Map<String, BigInteger> adjustments = new HashMap<>();
        AccountOpenedEvent opened = null;
        long[] current = {0};
        AccountState.SystemLegs legs = (systemId, currency, delta) -> {
            if (current[0] > low && current[0] <= high) {
                adjustments.merge(systemId, BigInteger.valueOf(delta).multiply(BigInteger.valueOf(sign)),
                                  BigInteger::add);
            }
        };
        DomainEventStream stream = eventStore.readEvents(accountId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            long sequence = event.getSequenceNumber();
            Object payload = event.getPayload();
            current[0] = sequence;
            latest.apply(payload, sequence, legs);
            latest.version = Math.max(latest.version, sequence);
            if (sequence <= rowVersion) {
                atRow.apply(payload, sequence, AccountState.SystemLegs.NONE);
                atRow.version = Math.max(atRow.version, sequence);
            }
            if (payload instanceof AccountOpenedEvent open) {
                opened = open;
            }
        }
        long storeVersion = latest.version;
        String currency = row != null ? row.currency() : scanned.currency;

        if (row == null) {
            // recomputed, no row: behind by the whole stream
            behind.add(new Behind(accountId, currency, null, scanned, adjustments, opened));
            return;
        }
        if (storeVersion < 0) {
            report.accept(Divergence.ofAccount(UNEXPECTED_ROW, accountId, currency, "none",
                                               "balance " + row.balance() + " at version " + row.version(),
                                               "the event store has no stream " + accountId));
            plan.put(accountId, RowRepair.delete(accountId, currency, row.version()));
            return;
        }
        if (rowVersion > storeVersion) {
            report.accept(Divergence.ofAccount(VERSION_MISMATCH, accountId, currency, storeVersion, rowVersion,
                                               "the row claims events the stream does not have"));
            plan.put(accountId, CustomerRowCheck.rewrite(accountId, currency, rowVersion, latest));
            // (scanned, row] covers every event after the scan: the system rows are expected to hold them all,
            // as they do once the row is repaired to the whole stream
            absorb(adjustments);
            return;
        }
        if (rowVersion > scannedVersion) {
            // ahead of the scan: events appended (or committed into a gap) after the run started
            customers.compare(row, atRow);
            absorb(adjustments);
            return;
        }
        // behind the scan: compare what it has, then see whether it catches up
        customers.compare(row, atRow);
        behind.add(new Behind(accountId, currency, row, scanned, adjustments, opened));
    }

    /** Rows behind the scan, waiting to catch up. */
    int behind() {
        return behind.size();
    }

    void startSettling() {
        waiting = new LinkedHashMap<>();
        behind.forEach(entry -> waiting.put(entry.accountId(), entry));
    }

    /** Reads the versions of the rows still behind again; those that caught up stop waiting. */
    void recheck(AccountReadModel accounts) {
        if (waiting.isEmpty()) {
            return;
        }
        Map<String, Long> versions = accounts.versionsOf(waiting.keySet());
        waiting.values().removeIf(entry -> {
            Long version = versions.get(entry.accountId());
            if (version == null || version < entry.scanned().version) {
                return false;
            }
            absorb(entry.adjustments()); // caught up: compared at its snapshot version, which stays right
            return true;
        });
    }

    boolean settled() {
        return waiting.isEmpty();
    }

    /** The rows still behind after the settling: missed events past the projection's head, else in flight. */
    void judge(ProjectionProgress.Progress summary, boolean summaryPassedHead, long head) {
        for (Behind entry : waiting.values()) {
            if (summaryPassedHead) {
                missedEvents(entry, head);
            } else {
                report.accept(Divergence.ofAccount(IN_FLIGHT, entry.accountId(), entry.currency(),
                                                   entry.scanned().version,
                                                   entry.row() == null ? "none" : entry.row().version(),
                                                   "the account-summary projection has not passed position " + head
                                                           + " yet (at " + summary.position()
                                                           + (summary.replaying() ? ", replaying" : "") + ")"));
                absorb(entry.adjustments());
            }
        }
    }

    /** A row still behind after its projection passed the head: it missed events. Its repair is the scan's state. */
    private void missedEvents(Behind entry, long head) {
        AccountState scanned = entry.scanned();
        String detail = "the account-summary projection has passed position " + head + " but the row "
                + (entry.row() == null ? "does not exist" : "is still at version " + entry.row().version())
                + ": events lost, or parked as dead letters (GET /admin/dead-letters)";
        if (entry.row() == null) {
            report.accept(Divergence.ofAccount(MISSING_ROW, entry.accountId(), entry.currency(),
                                               "balance " + scanned.balance + " at version " + scanned.version, "none",
                                               detail));
            plan.put(entry.accountId(), CustomerRowCheck.insert(
                    entry.accountId(), entry.currency(), scanned,
                    entry.opened() == null ? 0 : entry.opened().overdraftLimit(),
                    entry.opened() == null ? null : entry.opened().ownerRef(),
                    entry.opened() == null ? null : entry.opened().owner(),
                    entry.opened() == null ? null : entry.opened().metadata()));
        } else {
            report.accept(Divergence.ofAccount(VERSION_MISMATCH, entry.accountId(), entry.currency(), scanned.version,
                                               entry.row().version(), detail));
            plan.put(entry.accountId(),
                     CustomerRowCheck.rewrite(entry.accountId(), entry.currency(), entry.row().version(), scanned));
        }
        // not absorbed: the system rows are expected to hold these legs too, as they will after the repair
    }

    private void absorb(Map<String, BigInteger> adjustments) {
        adjustments.forEach((systemId, delta) -> systemAdjustments.merge(systemId, delta, BigInteger::add));
    }

    /** What the system rows are expected to hold beyond the scan, for the rows compared at other versions. */
    Map<String, BigInteger> systemAdjustments() {
        return systemAdjustments;
    }
}
