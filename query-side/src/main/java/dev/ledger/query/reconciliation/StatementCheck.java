package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.IN_FLIGHT;
import static dev.ledger.query.reconciliation.DivergenceKind.MISSING_POSTING;

import dev.ledger.query.account.AccountReadModel;
import dev.ledger.query.account.AccountReadModel.EntryKey;
import dev.ledger.query.account.AccountReadModel.EntryLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Completed transfers against the statement read model: each has its credit and its debit entry. Postings are
 * looked up in batches while the scan runs; those the statement projection has not reached yet wait for the
 * settling, and are judged against the projection's head after it.
 */
final class StatementCheck {

    private static final int STATEMENT_BATCH = 500;
    private static final String STATEMENT_REPLAY = "POST /admin/processors/account-statement/replay";

    /** A statement entry a completed transfer needs. */
    private record Posting(String transferId, String currency, String accountId, long sequence, String leg) {
    }

    private final AccountReadModel accounts;
    private final Scope scope;
    private final int maxBehind;
    private final Consumer<Divergence> report;
    private final List<Posting> toCheck = new ArrayList<>();
    private final List<Posting> behind = new ArrayList<>();
    private List<Posting> waiting = List.of();
    private List<EntryLookup> waitingLookups = List.of();

    StatementCheck(AccountReadModel accounts, Scope scope, int maxBehind, Consumer<Divergence> report) {
        this.accounts = accounts;
        this.scope = scope;
        this.maxBehind = maxBehind;
        this.report = report;
    }

    /** Told by the scan about each completed transfer. */
    void completedTransfer(Recomputation.CompletedTransfer transfer) {
        if (!scope.includes(transfer.currency())) {
            return;
        }
        if (!transfer.complete()) {
            String found = transfer.creditAccountId() != null ? "TransferCreditedEvent only"
                    : transfer.debitAccountId() != null ? "debit (TransferDebitedEvent or HoldCapturedEvent) only"
                    : "neither";
            report.accept(Divergence.ofTransfer(MISSING_POSTING, transfer.transferId(),
                                                transfer.creditAccountId() != null ? transfer.creditAccountId()
                                                        : transfer.debitAccountId(),
                                                transfer.currency(),
                                                "TransferCreditedEvent and a debit (TransferDebitedEvent or "
                                                        + "HoldCapturedEvent)",
                                                found,
                                                "event store: the transfer completed without both postings; a "
                                                        + "rebuild cannot repair this"));
            return;
        }
        toCheck.add(new Posting(transfer.transferId(), transfer.currency(), transfer.creditAccountId(),
                                transfer.creditSequence(), "CREDIT"));
        toCheck.add(new Posting(transfer.transferId(), transfer.currency(), transfer.debitAccountId(),
                                transfer.debitSequence(), "DEBIT"));
        if (toCheck.size() >= 2 * STATEMENT_BATCH) {
            flush();
        }
    }

    /** Looks the buffered postings up in the statement read model; those not there yet wait for the settling. */
    void flush() {
        if (toCheck.isEmpty()) {
            return;
        }
        List<Posting> batch = List.copyOf(toCheck);
        toCheck.clear();
        List<EntryLookup> found = lookUp(batch);
        for (int i = 0; i < batch.size(); i++) {
            EntryLookup lookup = found.get(i);
            if (lookup.present()) {
                continue;
            }
            Posting posting = batch.get(i);
            if (lookup.headSequence() >= posting.sequence()) {
                reportMissingEntry(posting);
            } else if (behind.size() < maxBehind) {
                behind.add(posting);
            } else {
                report.accept(inFlight(posting, lookup.headSequence()));
            }
        }
    }

    /** Entries not in the statement yet, waiting for the settling. */
    int behind() {
        return behind.size();
    }

    void startSettling() {
        waiting = new ArrayList<>(behind);
        waitingLookups = List.of();
    }

    /** Looks the entries still waiting up again; those that arrived stop waiting. */
    void recheck() {
        if (waiting.isEmpty()) {
            return;
        }
        List<EntryLookup> lookups = lookUp(waiting);
        List<Posting> stillMissing = new ArrayList<>();
        List<EntryLookup> stillMissingLookups = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            if (!lookups.get(i).present()) {
                stillMissing.add(waiting.get(i));
                stillMissingLookups.add(lookups.get(i));
            }
        }
        waiting = stillMissing;
        waitingLookups = stillMissingLookups;
    }

    boolean settled() {
        return waiting.isEmpty();
    }

    /**
     * The entries still missing after the settling: missing once the statement projection has passed them (or the
     * run's head), in flight before.
     */
    void judge(boolean statementsPassedHead) {
        for (int i = 0; i < waiting.size(); i++) {
            if (waitingLookups.get(i).headSequence() >= waiting.get(i).sequence() || statementsPassedHead) {
                reportMissingEntry(waiting.get(i));
            } else {
                report.accept(inFlight(waiting.get(i), waitingLookups.get(i).headSequence()));
            }
        }
    }

    private List<EntryLookup> lookUp(List<Posting> postings) {
        return accounts.lookUpEntries(
                postings.stream().map(posting -> new EntryKey(posting.accountId(), posting.sequence())).toList());
    }

    private void reportMissingEntry(Posting posting) {
        report.accept(Divergence.ofTransfer(MISSING_POSTING, posting.transferId(), posting.accountId(),
                                            posting.currency(),
                                            posting.leg() + " entry at sequence " + posting.sequence(), "none",
                                            "statement read model: the account-statement projection is past this "
                                                    + "posting but has no entry for it; rebuild the statements with "
                                                    + STATEMENT_REPLAY));
    }

    private static Divergence inFlight(Posting posting, long headSequence) {
        return Divergence.ofTransfer(IN_FLIGHT, posting.transferId(), posting.accountId(), posting.currency(),
                                     posting.leg() + " entry at sequence " + posting.sequence(),
                                     "statement at sequence " + headSequence,
                                     "the account-statement projection has not got to this posting yet");
    }
}
