package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.IN_FLIGHT;
import static dev.ledger.query.reconciliation.DivergenceKind.TRANSFER_MISSING;
import static dev.ledger.query.reconciliation.DivergenceKind.TRANSFER_REQUEST_MISMATCH;
import static dev.ledger.query.reconciliation.DivergenceKind.TRANSFER_STATUS_MISMATCH;
import static dev.ledger.query.reconciliation.DivergenceKind.TRANSFER_UNEXPECTED;

import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.query.freshness.ProjectionProgress;
import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.transfer.TransferReadModel;
import dev.ledger.query.transfer.TransferReadModel.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The transfers read model against the event store: every transfer requested in the store has its row, with the
 * amount, currency, source, destination and status its events give, and no row exists that no event names.
 * <p>
 * In flight as in the account check: the rows are read in one snapshot; a row that disagrees (or is missing) is
 * read again until it agrees or {@code settle-timeout} passes, and only once the transfers projection has passed
 * the run's head position is one that still disagrees a divergence; before, it is {@link DivergenceKind#IN_FLIGHT}.
 * A row ahead of the scan (it applied events after the head) is held only to its request's terms, and to its
 * status when the scan already found the transfer ended.
 * <p>
 * Report only: a row is rebuilt by a replay of the transfers projection, which also rebuilds the timeline,
 * screening and parties that this check does not recompute.
 */
final class TransferCheck {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final String REPLAY = "POST /admin/processors/" + ProcessingGroups.TRANSFERS + "/replay";

    /** A transfer whose row did not agree with its events when first read. */
    private record Unsettled(String transferId, TransferState expected) {
    }

    private final ReconciliationContext context;
    private final String scope;
    private final Consumer<Divergence> findings;
    private final Instant started;
    private final TransferReadModel rows;

    /**
     * @param scope    only transfers of this currency, or {@code null} for all
     * @param findings receives what the check finds
     * @param started  when the run started: a placeholder row no scanned event names, touched before, is stale
     */
    TransferCheck(ReconciliationContext context, String scope, Consumer<Divergence> findings, Instant started) {
        this.context = context;
        this.scope = scope;
        this.findings = findings;
        this.started = started;
        this.rows = new TransferReadModel(context.jdbc(), context.transactions(), context.storage(), scope);
    }

    /** @return how many transfers were compared with their rows */
    long check(TransferLedger ledger, long head) {
        Map<String, TransferState> transfers = ledger.transfers();
        Map<String, Boolean> seen = new HashMap<>();
        List<Unsettled> unsettled = new ArrayList<>();
        List<Row> orphans = new ArrayList<>();
        rows.readSnapshot(ReconciliationInterruptedException::checkInterrupted, row -> {
            TransferState expected = transfers.get(row.transferId());
            if (expected == null) {
                orphans.add(row);
            } else if (expected.requested()) {
                seen.put(row.transferId(), Boolean.TRUE);
                if (!agrees(row, expected)) {
                    unsettled.add(new Unsettled(row.transferId(), expected));
                }
            }
            // named only by account events: a placeholder, as the projection keeps it
        });
        long checked = 0;
        for (Map.Entry<String, TransferState> transfer : transfers.entrySet()) {
            TransferState expected = transfer.getValue();
            if (expected.requested() && inScope(expected.currency)) {
                checked++;
                if (!seen.containsKey(transfer.getKey())) {
                    unsettled.add(new Unsettled(transfer.getKey(), expected));
                }
            }
        }
        orphans.forEach(this::judgeOrphan);
        settle(unsettled, head);
        return checked;
    }

    private boolean inScope(String currency) {
        return scope == null || scope.equals(currency);
    }

    // --- judging ------------------------------------------------------------------------------------------------

    /**
     * Whether the row says what the transfer's events up to the head say, or could have got further by events
     * after the head.
     */
    private static boolean agrees(Row row, TransferState expected) {
        if (row == null || !row.requested() || !sameTerms(row, expected)) {
            return false;
        }
        if (row.version() != expected.version) {
            // ahead: events of its own stream after the head; a transfer that had ended cannot have moved since
            return row.version() > expected.version
                    && (!expected.terminal() || expected.status.name().equals(row.status()));
        }
        if (row.refundedAmount() != expected.refunded) {
            // at the same version of its own stream, which records every refund's ending
            return false;
        }
        if (expected.status.name().equals(row.status())) {
            return true;
        }
        // at the same version, account events after the head (a hold, a posted leg) may have moved it further
        TransferStatus actual = statusOf(row.status());
        return !expected.terminal() && actual != null
                && TransferState.rank(actual) > TransferState.rank(expected.status);
    }

    private static boolean sameTerms(Row row, TransferState expected) {
        return Objects.equals(row.amount(), expected.amount) && Objects.equals(row.currency(), expected.currency)
                && Objects.equals(row.source(), expected.source)
                && Objects.equals(row.destination(), expected.destination)
                && Objects.equals(row.refundOf(), expected.refundOf);
    }

    private static TransferStatus statusOf(String name) {
        try {
            return name == null ? null : TransferStatus.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * A row no scanned event names: ahead of the scan if its own stream has events now (or, for a placeholder,
     * if an account event touched it after the run started), otherwise a row without events.
     */
    private void judgeOrphan(Row row) {
        ReconciliationInterruptedException.checkInterrupted();
        if (context.eventStore().readEvents(row.transferId()).hasNext()) {
            return;
        }
        if (!row.requested() && (row.updatedAt() == null || !row.updatedAt().isBefore(started))) {
            return;
        }
        findings.accept(Divergence.ofTransfer(TRANSFER_UNEXPECTED, row.transferId(), null, row.currency(), "none",
                                              (row.requested() ? terms(row) + ", " : "placeholder, ")
                                                      + standing(row),
                                              "the event store has no event of this transfer"));
    }

    /**
     * Reads the disagreeing rows again until they agree or {@code settle-timeout} passes, then tells those still
     * disagreeing apart: in flight while the transfers projection has not passed the head, divergent after.
     */
    private void settle(List<Unsettled> unsettled, long head) {
        Map<String, Unsettled> waiting = new LinkedHashMap<>();
        unsettled.forEach(entry -> waiting.put(entry.transferId(), entry));
        long deadline = System.nanoTime() + context.properties().settleTimeout().toNanos();
        Map<String, Row> current = Map.of();
        ProjectionProgress.Progress progress = null;
        while (!waiting.isEmpty()) {
            ReconciliationInterruptedException.checkInterrupted();
            // read before the rows: a projection past the head then has applied everything up to it in them
            progress = context.progress().ofEverySegment(ProcessingGroups.TRANSFERS);
            current = rows.byId(new ArrayList<>(waiting.keySet()));
            Map<String, Row> read = current;
            waiting.values().removeIf(entry -> agrees(read.get(entry.transferId()), entry.expected()));
            if (waiting.isEmpty() || passed(progress, head) || System.nanoTime() >= deadline) {
                break;
            }
            sleep(POLL);
        }
        boolean passed = progress != null && passed(progress, head);
        for (Unsettled entry : waiting.values()) {
            Row row = current.get(entry.transferId());
            if (passed) {
                report(entry, row, head);
            } else {
                findings.accept(Divergence.ofTransfer(
                        IN_FLIGHT, entry.transferId(), null, entry.expected().currency, expected(entry.expected()),
                        row == null ? "none" : standing(row),
                        "the transfers projection has not passed position " + head + " yet (at "
                                + progress.position() + (progress.replaying() ? ", replaying" : "") + ")"));
            }
        }
    }

    private static boolean passed(ProjectionProgress.Progress progress, long head) {
        return progress.position() != null && progress.position() >= head && !progress.replaying();
    }

    private void report(Unsettled entry, Row row, long head) {
        TransferState expected = entry.expected();
        String why = "the transfers projection has passed position " + head + " but ";
        String rebuild = "; rebuild the transfers with " + REPLAY;
        if (row == null || !row.requested()) {
            findings.accept(Divergence.ofTransfer(
                    TRANSFER_MISSING, entry.transferId(), null, expected.currency, expected(expected),
                    row == null ? "none" : "placeholder",
                    why + (row == null ? "has no row for it" : "never applied its request") + rebuild));
            return;
        }
        if (!sameTerms(row, expected)) {
            findings.accept(Divergence.ofTransfer(TRANSFER_REQUEST_MISMATCH, entry.transferId(), null,
                                                  expected.currency, expected.terms(), terms(row),
                                                  why + "the row's terms are not its request's" + rebuild));
        }
        if (!expected.status.name().equals(row.status()) || row.version() < expected.version
                || (row.version() == expected.version && row.refundedAmount() != expected.refunded)) {
            findings.accept(Divergence.ofTransfer(TRANSFER_STATUS_MISMATCH, entry.transferId(), null,
                                                  expected.currency,
                                                  expected.status + " at version " + expected.version
                                                          + refunded(expected.refunded),
                                                  standing(row), why + "the row is not where its events put it: "
                                                          + "events lost, or parked as dead letters "
                                                          + "(GET /admin/dead-letters)" + rebuild));
        }
    }

    private static String terms(Row row) {
        return TransferState.terms(row.amount(), row.currency(), row.source(), row.destination());
    }

    private static String standing(Row row) {
        return row.status() + " at version " + row.version() + refunded(row.refundedAmount());
    }

    private static String refunded(long amount) {
        return amount == 0 ? "" : ", refunded " + amount;
    }

    private static String expected(TransferState expected) {
        return expected.status + " " + expected.terms() + " at version " + expected.version;
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
