package dev.ledger.query.reconciliation;

import dev.ledger.api.account.HoldCapturedEvent;
import dev.ledger.api.account.TransferCreditedEvent;
import dev.ledger.api.account.TransferDebitedEvent;
import dev.ledger.api.transfer.TransferCompletedEvent;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The ledger folded from the event store in one pass: per customer account its {@link AccountState}, per system
 * account ({@code world:<CUR>}, {@code transit:<CUR>}) the sum of the contra legs posted against it, and the
 * postings of transfers that are not completed yet. Memory grows with the number of accounts and of transfers
 * in flight, never with the number of events.
 * <p>
 * A transfer's two postings (the credit, {@link TransferCreditedEvent}, and the debit, {@link TransferDebitedEvent}
 * when posted in one commit or {@link HoldCapturedEvent} when a hold was captured) come before its
 * {@link TransferCompletedEvent} in the store (in the same commit, or in older histories of the transfer process
 * in the commits before), so a completed transfer is checked and forgotten at its completion; the rare one
 * completed before both postings were seen waits until the end of the pass.
 */
final class Recomputation {

    /** A completed transfer and where its two postings are: the credit on the destination, the debit on the source. */
    record CompletedTransfer(String transferId, String currency, String creditAccountId, long creditSequence,
                             String debitAccountId, long debitSequence) {

        boolean complete() {
            return creditAccountId != null && debitAccountId != null;
        }
    }

    /** A system account's recomputed balance: the sum of a whole currency's contra legs, so not bounded by a long. */
    static final class SystemBalance {
        final String currency;
        BigInteger balance = BigInteger.ZERO;

        SystemBalance(String currency) {
            this.currency = currency;
        }
    }

    private static final class Postings {
        String currency;
        String creditAccountId;
        long creditSequence = -1;
        String debitAccountId;
        long debitSequence = -1;
        boolean completed;

        CompletedTransfer completed(String transferId) {
            return new CompletedTransfer(transferId, currency, creditAccountId, creditSequence, debitAccountId,
                                         debitSequence);
        }
    }

    /** The aggregate type the command side's {@code Account} aggregate appends its events under. */
    static final String ACCOUNT_AGGREGATE = "Account";

    private final Map<String, AccountState> accounts = new HashMap<>();
    private final Map<String, SystemBalance> systems = new HashMap<>();
    private final Map<String, Postings> transfers = new HashMap<>();
    private final Consumer<CompletedTransfer> completedTransfers;
    private final AccountState.SystemLegs legs = this::post;
    private long events;
    private long completed;

    /** @param completedTransfers receives every transfer completed in the store, with its postings (when found) */
    Recomputation(Consumer<CompletedTransfer> completedTransfers) {
        this.completedTransfers = completedTransfers;
    }

    /**
     * Folds one event; events of one aggregate must come in sequence order.
     *
     * @param aggregateType the stream's aggregate type ({@code Account}, {@code Transfer}), {@code null} if unknown
     */
    void accept(String aggregateType, String aggregateId, long sequence, Object payload) {
        events++;
        if (payload instanceof TransferCompletedEvent done) {
            complete(done);
            return;
        }
        AccountState account = accounts.get(aggregateId);
        if (account == null) {
            account = new AccountState();
            if (!account.apply(payload, sequence, legs)) {
                return; // another aggregate's event nobody here needs
            }
            accounts.put(aggregateId, account);
        } else if (!account.apply(payload, sequence, legs) && ACCOUNT_AGGREGATE.equals(aggregateType)) {
            // an account event of a type this code does not know: it still is a version of the stream
            account.version = Math.max(account.version, sequence);
        }
        if (payload instanceof TransferCreditedEvent credited) {
            Postings postings = postingsOf(credited.transferId(), credited.amount().currency());
            postings.creditAccountId = aggregateId;
            postings.creditSequence = sequence;
            settleIfComplete(credited.transferId(), postings);
        } else if (payload instanceof HoldCapturedEvent captured) {
            debited(captured.transferId(), captured.amount().currency(), aggregateId, sequence);
        } else if (payload instanceof TransferDebitedEvent debited) {
            debited(debited.transferId(), debited.amount().currency(), aggregateId, sequence);
        }
    }

    private void debited(String transferId, String currency, String accountId, long sequence) {
        Postings postings = postingsOf(transferId, currency);
        postings.debitAccountId = accountId;
        postings.debitSequence = sequence;
        settleIfComplete(transferId, postings);
    }

    /** Reports the completed transfers still missing a posting in the store; call once, after the last event. */
    void finish() {
        transfers.forEach((transferId, postings) -> {
            if (postings.completed) {
                completedTransfers.accept(postings.completed(transferId));
            }
        });
        transfers.clear();
    }

    Map<String, AccountState> accounts() {
        return accounts;
    }

    Map<String, SystemBalance> systems() {
        return systems;
    }

    long events() {
        return events;
    }

    long completedTransfers() {
        return completed;
    }

    /**
     * Per currency, the sum of every recomputed balance, customer and system: 0 when the store is double-entry. Many
     * customer balances, each a long, need not sum to one.
     */
    Map<String, BigInteger> sumsByCurrency() {
        Map<String, BigInteger> sums = new TreeMap<>();
        accounts.values().forEach(a -> {
            if (a.currency != null) {
                sums.merge(a.currency, BigInteger.valueOf(a.balance), BigInteger::add);
            }
        });
        systems.values().forEach(s -> sums.merge(s.currency, s.balance, BigInteger::add));
        return sums;
    }

    private void complete(TransferCompletedEvent done) {
        completed++;
        Postings postings = transfers.get(done.transferId());
        if (postings == null) {
            postings = postingsOf(done.transferId(), done.amount().currency());
        }
        postings.completed = true;
        settleIfComplete(done.transferId(), postings);
    }

    private void settleIfComplete(String transferId, Postings postings) {
        if (postings.completed && postings.creditAccountId != null && postings.debitAccountId != null) {
            transfers.remove(transferId);
            completedTransfers.accept(postings.completed(transferId));
        }
    }

    private Postings postingsOf(String transferId, String currency) {
        Postings postings = transfers.computeIfAbsent(transferId, id -> new Postings());
        if (postings.currency == null) {
            postings.currency = currency;
        }
        return postings;
    }

    private void post(String systemAccountId, String currency, long delta) {
        SystemBalance system = systems.computeIfAbsent(systemAccountId, id -> new SystemBalance(currency));
        system.balance = system.balance.add(BigInteger.valueOf(delta));
    }
}
