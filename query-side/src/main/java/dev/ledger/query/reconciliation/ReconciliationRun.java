package dev.ledger.query.reconciliation;

import static dev.ledger.query.reconciliation.DivergenceKind.BALANCE_MISMATCH;
import static dev.ledger.query.reconciliation.DivergenceKind.EVENT_STORE_INCONSISTENT;
import static dev.ledger.query.reconciliation.DivergenceKind.HELD_MISMATCH;
import static dev.ledger.query.reconciliation.DivergenceKind.INVARIANT_BROKEN;
import static dev.ledger.query.reconciliation.DivergenceKind.IN_FLIGHT;
import static dev.ledger.query.reconciliation.DivergenceKind.MISSING_POSTING;
import static dev.ledger.query.reconciliation.DivergenceKind.MISSING_ROW;
import static dev.ledger.query.reconciliation.DivergenceKind.STATUS_MISMATCH;
import static dev.ledger.query.reconciliation.DivergenceKind.UNEXPECTED_ROW;
import static dev.ledger.query.reconciliation.DivergenceKind.VERSION_MISMATCH;

import dev.ledger.api.account.AccountOpenedEvent;
import dev.ledger.query.processing.ProcessingGroups;
import dev.ledger.query.processing.ProjectionProgress;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
 * One file over 300 lines because the account summary's phases share the snapshot's rows and the system
 * adjustments they accumulate; the transfer check, which shares nothing with them, is a class of its own.
 */
final class ReconciliationRun {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationRun.class);

    private static final int PAGE = 5_000;
    private static final int STATEMENT_BATCH = 500;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String STATEMENT_REPLAY = "POST /admin/processors/account-statement/replay";

    /** Told about the run's progress, for heartbeats and the run's status. */
    interface Listener {
        void reached(long headPosition, long position, long eventsRead);
    }

    /** What a finished run reports; {@code transfersChecked} counts the transfers compared with their rows. */
    record Outcome(long headPosition, long eventsRead, long accountsChecked, long transfersChecked,
                   Findings findings, int repairedCount) {
    }

    /** A row of the account summary; a system row's balance may exceed a long (V7), so every balance is read whole. */
    private record Row(String accountId, String kind, String currency, BigInteger balance, long held, String status,
                       long version) {
    }

    /** A customer row that is not at the scan's version, or a recomputed account without a row. */
    private record Unaligned(String accountId, Row row, AccountState scanned) {
    }

    /** A row behind the scan, waiting to catch up. */
    private record Behind(String accountId, String currency, Row row, AccountState scanned,
                          Map<String, BigInteger> adjustments, AccountOpenedEvent opened) {
    }

    /** A statement entry a completed transfer needs. */
    private record Posting(String transferId, String currency, String accountId, long sequence, String leg) {
    }

    private final ReconciliationContext context;
    private final boolean repair;
    private final String scope;
    private final Listener listener;
    private final Findings findings;
    private final Map<String, Integer> rowDivergencesByCurrency = new HashMap<>();
    private final Map<String, RowRepair> repairs = new LinkedHashMap<>();
    // system balances, their differences and the per-currency sums are BigIntegers: they add up a whole currency
    private final Map<String, BigInteger> systemAdjustments = new HashMap<>();
    private final Map<String, Row> systemRows = new TreeMap<>();
    private final Map<String, BigInteger> readModelSums = new TreeMap<>();
    private final List<Unaligned> unaligned = new ArrayList<>();
    private final List<Behind> behind = new ArrayList<>();
    private final List<Posting> postingsToCheck = new ArrayList<>();
    private final List<Posting> postingsBehind = new ArrayList<>();
    private Map<String, BigInteger> eventStoreSums = Map.of();
    /** Currencies with rows that were not re-read: their system rows cannot be compared exactly. */
    private final Set<String> notRealigned = new TreeSet<>();
    private long accountsChecked;
    private long transfersChecked;

    ReconciliationRun(ReconciliationContext context, boolean repair, String currency, Listener listener) {
        this.context = context;
        this.repair = repair;
        this.scope = currency;
        this.listener = listener;
        this.findings = new Findings(context.properties().maxReported());
    }

    Outcome execute() {
        Instant started = Instant.now();
        long head = headPosition();
        listener.reached(head, -1, 0);
        Recomputation ledger = new Recomputation(this::completedTransfer);
        TransferLedger transfers = new TransferLedger();
        long read = head < 0 ? 0 : context.scan().scan(head, (type, id, sequence, payload) -> {
            ledger.accept(type, id, sequence, payload);
            transfers.accept(type, id, sequence, payload);
        }, (position, events) -> listener.reached(head, position, events));
        ledger.finish();
        checkPostings();
        log.info("reconciliation scanned {} events up to position {}: {} accounts, {} system accounts, "
                         + "{} completed transfers", read, head, ledger.accounts().size(), ledger.systems().size(),
                 ledger.completedTransfers());

        checkEventStore(ledger);
        readSnapshot(ledger);
        int offTheScan = unaligned.size();
        realign();
        log.info("reconciliation compared {} accounts; {} rows were off the scanned version ({} behind it), "
                         + "{} statement entries not there yet", accountsChecked, offTheScan, behind.size(),
                 postingsBehind.size());
        settle(head);
        compareSystemRows(ledger);
        checkReadModelInvariant();
        transfersChecked = new TransferCheck(context, scope, this::add, started).check(transfers, head);
        int repaired = repair ? repairRows() : 0;
        return new Outcome(head, read, accountsChecked, transfersChecked, findings, repaired);
    }

    // --- the event store ---------------------------------------------------------------------------------------

    private long headPosition() {
        TrackingToken head = context.eventStore().createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private boolean inScope(String currency) {
        return scope == null || scope.equals(currency);
    }

    /** The double-entry invariant and each account's own arithmetic, on the event store alone. */
    private void checkEventStore(Recomputation ledger) {
        eventStoreSums = ledger.sumsByCurrency();
        eventStoreSums.forEach((currency, sum) -> {
            if (inScope(currency) && sum.signum() != 0) {
                add(Divergence.ofCurrency(INVARIANT_BROKEN, currency, 0, sum,
                                          "event store: the recomputed balances of " + currency + " sum to " + sum
                                                  + " instead of 0; the events themselves are wrong, a rebuild "
                                                  + "cannot repair this"));
            }
        });
        ledger.accounts().forEach((accountId, account) -> {
            if (!inScope(account.currency)) {
                return;
            }
            if (account.balance != account.postedBalance) {
                add(Divergence.ofAccount(EVENT_STORE_INCONSISTENT, accountId, account.currency,
                                         account.postedBalance, account.balance,
                                         "event store: the postings sum to the expected value, the events report "
                                                 + "the actual balance"));
            }
            if (account.held != account.openHolds) {
                add(Divergence.ofAccount(EVENT_STORE_INCONSISTENT, accountId, account.currency, account.openHolds,
                                         account.held,
                                         "event store: the open holds sum to the expected value, the events "
                                                 + "report the actual held sum"));
            }
        });
    }

    // --- completed transfers and their statement entries -------------------------------------------------------

    private void completedTransfer(Recomputation.CompletedTransfer transfer) {
        if (!inScope(transfer.currency())) {
            return;
        }
        if (!transfer.complete()) {
            String found = transfer.creditAccountId() != null ? "TransferCreditedEvent only"
                    : transfer.debitAccountId() != null ? "debit (TransferDebitedEvent or HoldCapturedEvent) only"
                    : "neither";
            add(Divergence.ofTransfer(MISSING_POSTING, transfer.transferId(),
                                      transfer.creditAccountId() != null ? transfer.creditAccountId()
                                              : transfer.debitAccountId(),
                                      transfer.currency(),
                                      "TransferCreditedEvent and a debit (TransferDebitedEvent or HoldCapturedEvent)",
                                      found,
                                      "event store: the transfer completed without both postings; a rebuild "
                                              + "cannot repair this"));
            return;
        }
        postingsToCheck.add(new Posting(transfer.transferId(), transfer.currency(), transfer.creditAccountId(),
                                        transfer.creditSequence(), "CREDIT"));
        postingsToCheck.add(new Posting(transfer.transferId(), transfer.currency(), transfer.debitAccountId(),
                                        transfer.debitSequence(), "DEBIT"));
        if (postingsToCheck.size() >= 2 * STATEMENT_BATCH) {
            checkPostings();
        }
    }

    /** Looks the buffered postings up in the statement read model; those not there yet wait in postingsBehind. */
    private void checkPostings() {
        if (postingsToCheck.isEmpty()) {
            return;
        }
        List<Posting> batch = List.copyOf(postingsToCheck);
        postingsToCheck.clear();
        List<StatementLookup> found = lookUpStatement(batch);
        for (int i = 0; i < batch.size(); i++) {
            StatementLookup lookup = found.get(i);
            if (lookup.present()) {
                continue;
            }
            Posting posting = batch.get(i);
            if (lookup.headSequence() >= posting.sequence()) {
                reportMissingEntry(posting);
            } else if (postingsBehind.size() < context.properties().maxRealigned()) {
                postingsBehind.add(posting);
            } else {
                add(inFlightPosting(posting, lookup.headSequence()));
            }
        }
    }

    private record StatementLookup(boolean present, long headSequence) {
    }

    private List<StatementLookup> lookUpStatement(List<Posting> postings) {
        String sql = "SELECT e.sequence IS NOT NULL, COALESCE(h.last_sequence, -1)"
                + " FROM unnest(?, ?) WITH ORDINALITY AS p(account_id, seq, ord)"
                + " LEFT JOIN " + context.table("statement_entry")
                + " e ON e.account_id = p.account_id AND e.sequence = p.seq"
                + " LEFT JOIN " + context.table("statement_head") + " h ON h.account_id = p.account_id"
                + " ORDER BY p.ord";
        return context.jdbc().execute((ConnectionCallback<List<StatementLookup>>) connection -> {
            Array accounts = connection.createArrayOf("varchar", postings.stream().map(Posting::accountId).toArray());
            Array sequences = connection.createArrayOf("bigint", postings.stream().map(Posting::sequence).toArray());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, accounts);
                statement.setArray(2, sequences);
                List<StatementLookup> result = new ArrayList<>(postings.size());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(new StatementLookup(rows.getBoolean(1), rows.getLong(2)));
                    }
                }
                return result;
            }
        });
    }

    private void reportMissingEntry(Posting posting) {
        add(Divergence.ofTransfer(MISSING_POSTING, posting.transferId(), posting.accountId(), posting.currency(),
                                  posting.leg() + " entry at sequence " + posting.sequence(), "none",
                                  "statement read model: the account-statement projection is past this posting but "
                                          + "has no entry for it; rebuild the statements with " + STATEMENT_REPLAY));
    }

    private Divergence inFlightPosting(Posting posting, long headSequence) {
        return Divergence.ofTransfer(IN_FLIGHT, posting.transferId(), posting.accountId(), posting.currency(),
                                     posting.leg() + " entry at sequence " + posting.sequence(),
                                     "statement at sequence " + headSequence,
                                     "the account-statement projection has not got to this posting yet");
    }

    // --- the account summary -----------------------------------------------------------------------------------

    /**
     * Reads every in-scope row in one REPEATABLE READ snapshot, compares the rows at the scan's version, keeps the
     * others (and the recomputed accounts without a row) for {@link #realign}.
     */
    private void readSnapshot(Recomputation ledger) {
        TransactionTemplate snapshot = new TransactionTemplate(context.transactions());
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(tx -> {
            String after = "";
            while (true) {
                ReconciliationInterruptedException.checkInterrupted();
                List<Row> page = pageAfter(after);
                for (Row row : page) {
                    inspect(row, ledger);
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).accountId();
            }
        });
        ledger.accounts().forEach((accountId, account) -> {
            if (!account.seen && account.currency != null && inScope(account.currency)) {
                accountsChecked++;
                keepUnaligned(new Unaligned(accountId, null, account));
            }
        });
    }

    private List<Row> pageAfter(String after) {
        String sql = "SELECT account_id, kind, currency, balance, held, status, version FROM "
                + context.table("account_summary") + " WHERE account_id > ?"
                + (scope == null ? "" : " AND currency = ?") + " ORDER BY account_id LIMIT " + PAGE;
        Object[] args = scope == null ? new Object[] {after} : new Object[] {after, scope};
        return context.jdbc().query(sql, (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                                                            integer(rs.getBigDecimal(4)), rs.getLong(5),
                                                            rs.getString(6), rs.getLong(7)), args);
    }

    private void inspect(Row row, Recomputation ledger) {
        readModelSums.merge(row.currency(), row.balance(), BigInteger::add);
        if ("SYSTEM".equals(row.kind())) {
            systemRows.put(row.accountId(), row);
            return;
        }
        accountsChecked++;
        AccountState scanned = ledger.accounts().get(row.accountId());
        if (scanned != null) {
            scanned.seen = true;
            if (scanned.version == row.version()) {
                compareCustomer(row, scanned);
                return;
            }
        }
        keepUnaligned(new Unaligned(row.accountId(), row, scanned));
    }

    private void keepUnaligned(Unaligned entry) {
        if (unaligned.size() < context.properties().maxRealigned()) {
            unaligned.add(entry);
            return;
        }
        // more rows off the scan than a run re-reads one by one: the projection is far behind (or replaying)
        String currency = entry.row() != null ? entry.row().currency() : entry.scanned().currency;
        notRealigned.add(currency);
        add(Divergence.ofAccount(IN_FLIGHT, entry.accountId(), currency,
                                 entry.scanned() == null ? null : entry.scanned().version,
                                 entry.row() == null ? "none" : entry.row().version(),
                                 "not at the scanned version and not re-read (more than max-realigned such rows; "
                                         + "is the account-summary projection replaying?)"));
    }

    /** Compares a customer row with the state of its stream at the row's version; a repair rewrites it to that. */
    private void compareCustomer(Row row, AccountState expected) {
        boolean diverges = false;
        String currency = row.currency();
        if (!row.balance().equals(BigInteger.valueOf(expected.balance))) {
            add(Divergence.ofAccount(BALANCE_MISMATCH, row.accountId(), currency, expected.balance, row.balance(),
                                     "at version " + row.version()));
            diverges = true;
        }
        if (row.held() != expected.held) {
            add(Divergence.ofAccount(HELD_MISMATCH, row.accountId(), currency, expected.held, row.held(),
                                     "at version " + row.version()));
            diverges = true;
        }
        if (!expected.status.name().equals(row.status())) {
            add(Divergence.ofAccount(STATUS_MISMATCH, row.accountId(), currency, expected.status.name(),
                                     row.status(), "at version " + row.version()));
            diverges = true;
        }
        if (diverges) {
            repairs.put(row.accountId(), RowRepair.rewrite(row.accountId(), currency, row.version(),
                                                                   expected));
        }
    }

    /** Re-reads the stream of every row that is not at the scan's version and compares it at its own version. */
    private void realign() {
        for (Unaligned entry : unaligned) {
            ReconciliationInterruptedException.checkInterrupted();
            realign(entry);
        }
        unaligned.clear();
    }

    private void realign(Unaligned entry) {
        String accountId = entry.accountId();
        Row row = entry.row();
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
        DomainEventStream stream = context.eventStore().readEvents(accountId, 0);
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
            add(Divergence.ofAccount(UNEXPECTED_ROW, accountId, currency, "none",
                                     "balance " + row.balance() + " at version " + row.version(),
                                     "the event store has no stream " + accountId));
            repairs.put(accountId, RowRepair.delete(accountId, currency, row.version()));
            return;
        }
        if (rowVersion > storeVersion) {
            add(Divergence.ofAccount(VERSION_MISMATCH, accountId, currency, storeVersion, rowVersion,
                                     "the row claims events the stream does not have"));
            repairs.put(accountId, RowRepair.rewrite(accountId, currency, rowVersion, latest));
            // (scanned, row] covers every event after the scan: the system rows are expected to hold them all,
            // as they do once the row is repaired to the whole stream
            absorb(adjustments);
            return;
        }
        if (rowVersion > scannedVersion) {
            // ahead of the scan: events appended (or committed into a gap) after the run started
            compareCustomer(row, atRow);
            absorb(adjustments);
            return;
        }
        // behind the scan: compare what it has, then see whether it catches up
        compareCustomer(row, atRow);
        behind.add(new Behind(accountId, currency, row, scanned, adjustments, opened));
    }

    /**
     * Waits up to {@code settle-timeout} for the rows and statement entries behind the scan, then tells the ones
     * still behind apart: in flight while their projection has not passed the run's head, missed events after.
     */
    private void settle(long head) {
        long deadline = System.nanoTime() + context.properties().settleTimeout().toNanos();
        Map<String, Behind> rows = new LinkedHashMap<>();
        behind.forEach(entry -> rows.put(entry.accountId(), entry));
        List<Posting> postings = new ArrayList<>(postingsBehind);
        List<StatementLookup> lookups = List.of();
        while (true) {
            if (!rows.isEmpty()) {
                Map<String, Long> versions = currentVersions(rows.keySet());
                rows.values().removeIf(entry -> {
                    Long version = versions.get(entry.accountId());
                    if (version == null || version < entry.scanned().version) {
                        return false;
                    }
                    absorb(entry.adjustments()); // caught up: compared at its snapshot version, which stays right
                    return true;
                });
            }
            if (!postings.isEmpty()) {
                lookups = lookUpStatement(postings);
                List<Posting> stillMissing = new ArrayList<>();
                List<StatementLookup> stillMissingLookups = new ArrayList<>();
                for (int i = 0; i < postings.size(); i++) {
                    if (!lookups.get(i).present()) {
                        stillMissing.add(postings.get(i));
                        stillMissingLookups.add(lookups.get(i));
                    }
                }
                postings = stillMissing;
                lookups = stillMissingLookups;
            }
            if ((rows.isEmpty() && postings.isEmpty()) || System.nanoTime() >= deadline) {
                break;
            }
            sleep(POLL);
        }
        ProjectionProgress.Progress summary = context.progress().ofEverySegment(ProcessingGroups.ACCOUNT_SUMMARY);
        boolean summaryPassed = passed(summary, head);
        for (Behind entry : rows.values()) {
            if (summaryPassed) {
                missedEvents(entry, head);
            } else {
                add(Divergence.ofAccount(IN_FLIGHT, entry.accountId(), entry.currency(), entry.scanned().version,
                                         entry.row() == null ? "none" : entry.row().version(),
                                         "the account-summary projection has not passed position " + head
                                                 + " yet (at " + summary.position()
                                                 + (summary.replaying() ? ", replaying" : "") + ")"));
                absorb(entry.adjustments());
            }
        }
        boolean statementsPassed = passed(context.progress().ofEverySegment(ProcessingGroups.ACCOUNT_STATEMENT), head);
        for (int i = 0; i < postings.size(); i++) {
            if (lookups.get(i).headSequence() >= postings.get(i).sequence() || statementsPassed) {
                reportMissingEntry(postings.get(i));
            } else {
                add(inFlightPosting(postings.get(i), lookups.get(i).headSequence()));
            }
        }
    }

    private static boolean passed(ProjectionProgress.Progress progress, long head) {
        return progress.position() != null && progress.position() >= head && !progress.replaying();
    }

    private Map<String, Long> currentVersions(Set<String> accountIds) {
        String sql = "SELECT account_id, version FROM " + context.table("account_summary")
                + " WHERE account_id = ANY (?)";
        return context.jdbc().execute((ConnectionCallback<Map<String, Long>>) connection -> {
            Map<String, Long> versions = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("varchar", accountIds.toArray()));
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        versions.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return versions;
        });
    }

    /** A row still behind after its projection passed the head: it missed events. Its repair is the scan's state. */
    private void missedEvents(Behind entry, long head) {
        AccountState scanned = entry.scanned();
        String detail = "the account-summary projection has passed position " + head + " but the row "
                + (entry.row() == null ? "does not exist" : "is still at version " + entry.row().version())
                + ": events lost, or parked as dead letters (GET /admin/dead-letters)";
        if (entry.row() == null) {
            add(Divergence.ofAccount(MISSING_ROW, entry.accountId(), entry.currency(),
                                     "balance " + scanned.balance + " at version " + scanned.version, "none", detail));
            repairs.put(entry.accountId(), RowRepair.insert(
                    entry.accountId(), entry.currency(), scanned,
                    entry.opened() == null ? 0 : entry.opened().overdraftLimit(),
                    entry.opened() == null ? null : entry.opened().ownerRef(),
                    entry.opened() == null ? null : entry.opened().owner()));
        } else {
            add(Divergence.ofAccount(VERSION_MISMATCH, entry.accountId(), entry.currency(), scanned.version,
                                     entry.row().version(), detail));
            repairs.put(entry.accountId(),
                                RowRepair.rewrite(entry.accountId(), entry.currency(), entry.row().version(),
                                                  scanned));
        }
        // not absorbed: the system rows are expected to hold these legs too, as they will after the repair
    }

    private void absorb(Map<String, BigInteger> adjustments) {
        adjustments.forEach((systemId, delta) -> systemAdjustments.merge(systemId, delta, BigInteger::add));
    }

    /** System rows against the recomputed contra legs, moved to the versions the snapshot's rows are at. */
    private void compareSystemRows(Recomputation ledger) {
        Map<String, BigInteger> expected = new TreeMap<>();
        Map<String, String> currencies = new HashMap<>();
        ledger.systems().forEach((systemId, system) -> {
            if (inScope(system.currency)) {
                expected.put(systemId, system.balance);
                currencies.put(systemId, system.currency);
            }
        });
        systemAdjustments.forEach((systemId, delta) -> {
            if (expected.containsKey(systemId) || systemRows.containsKey(systemId) || delta.signum() != 0) {
                expected.merge(systemId, delta, BigInteger::add);
            }
        });
        Set<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(systemRows.keySet());
        for (String systemId : ids) {
            Row row = systemRows.get(systemId);
            BigInteger balance = expected.get(systemId);
            String currency = row != null ? row.currency() : currencies.getOrDefault(systemId, currencyOf(systemId));
            if (!inScope(currency)) {
                continue;
            }
            accountsChecked++;
            if (notRealigned.contains(currency) && !Objects.equals(balance, row == null ? null
                    : row.balance())) {
                add(Divergence.ofAccount(IN_FLIGHT, systemId, currency, balance, row == null ? "none" : row.balance(),
                                         "not compared: rows of " + currency + " were not re-read"));
                continue;
            }
            if (row == null) {
                if (balance != null && balance.signum() != 0) {
                    add(Divergence.ofAccount(MISSING_ROW, systemId, currency, balance, "none",
                                             "system account with postings but no row"));
                    repairs.put(systemId, RowRepair.insertSystem(systemId, currency, balance));
                }
            } else if (balance == null) {
                add(Divergence.ofAccount(UNEXPECTED_ROW, systemId, currency, "none", row.balance(),
                                         "nothing in the event store posts against this system account"));
                repairs.put(systemId, RowRepair.deleteSystem(systemId, currency, row.balance()));
            } else if (!balance.equals(row.balance())) {
                add(Divergence.ofAccount(BALANCE_MISMATCH, systemId, currency, balance, row.balance(),
                                         "system account: the contra legs of the postings the read model has "
                                                 + "applied"));
                repairs.put(systemId, RowRepair.adjustSystem(systemId, currency, balance.subtract(row.balance())));
            }
        }
    }

    private static String currencyOf(String systemId) {
        int colon = systemId.indexOf(':');
        return colon < 0 ? null : systemId.substring(colon + 1);
    }

    private void checkReadModelInvariant() {
        readModelSums.forEach((currency, sum) -> {
            if (inScope(currency) && sum.signum() != 0) {
                add(Divergence.ofCurrency(INVARIANT_BROKEN, currency, 0, sum,
                                          "read model: the account_summary balances of " + currency + " sum to "
                                                  + sum + " instead of 0"));
            }
        });
    }

    // --- repair ------------------------------------------------------------------------------------------------

    /**
     * Rewrites the divergent rows, one transaction per currency, so each currency's rows move together and its
     * sum is right afterwards; a guard that fails (a concurrent event moved a row) rolls the currency back.
     *
     * @return how many divergences were repaired
     */
    private int repairRows() {
        Map<String, List<RowRepair>> byCurrency = new TreeMap<>();
        repairs.values().forEach(r -> byCurrency.computeIfAbsent(r.currency(), c -> new ArrayList<>()).add(r));
        int repaired = 0;
        for (Map.Entry<String, List<RowRepair>> currency : byCurrency.entrySet()) {
            String code = currency.getKey();
            boolean done = context.repair().apply(currency.getValue());
            if (done) {
                repaired += rowDivergencesByCurrency.getOrDefault(code, 0);
                boolean sumRestored = eventStoreSums.getOrDefault(code, BigInteger.ZERO).signum() == 0;
                findings.update(d -> code.equals(d.currency()) && (d.kind().repairedByRowRewrite()
                                        || (d.kind() == INVARIANT_BROKEN && sumRestored
                                                && d.detail().startsWith("read model"))),
                                Divergence::markRepaired);
                if (sumRestored && readModelSums.getOrDefault(code, BigInteger.ZERO).signum() != 0) {
                    repaired++;
                }
            } else {
                findings.update(d -> code.equals(d.currency()) && d.kind().repairedByRowRewrite(),
                                d -> new Divergence(d.kind(), d.accountId(), d.transferId(), d.currency(),
                                                    d.expected(), d.actual(),
                                                    d.detail() + "; not repaired: a row of " + code
                                                            + " changed while the run repaired, run again", false));
            }
        }
        return repaired;
    }

    private void add(Divergence finding) {
        findings.add(finding);
        if (finding.kind().repairedByRowRewrite() && finding.currency() != null) {
            rowDivergencesByCurrency.merge(finding.currency(), 1, Integer::sum);
        }
    }

    private static BigInteger integer(BigDecimal value) {
        return value.toBigIntegerExact();
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
