package dev.ledger.faultsuite.workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What the clients believe about the ledger, to choose sensible operations: the accounts whose opening was
 * acknowledged, which are frozen (as asked: a freeze counts from the moment it is sent), and the transfers waiting
 * for a review. It steers the workload only; the checker never trusts it.
 */
final class WorkloadModel {

    /** A few accounts take a large share of the traffic: contention on one aggregate is where bugs live. */
    private static final int HOT_ACCOUNTS = 3;
    private static final double HOT_SHARE = 0.3;
    private static final int MAX_FROZEN = 2;

    record Account(String id, String currency) {
    }

    private final Map<String, List<Account>> byCurrency = new LinkedHashMap<>();
    private final Set<String> frozen = new LinkedHashSet<>();
    private final Deque<String> awaitingReview = new ArrayDeque<>();

    synchronized void opened(Account account) {
        byCurrency.computeIfAbsent(account.currency(), c -> new ArrayList<>()).add(account);
    }

    synchronized int accounts() {
        return byCurrency.values().stream().mapToInt(List::size).sum();
    }

    /** Any account, a hot one more often than the others. */
    synchronized Optional<Account> pick(Random random) {
        List<String> currencies = new ArrayList<>(byCurrency.keySet());
        if (currencies.isEmpty()) {
            return Optional.empty();
        }
        // weighted by size, so each account is about as likely whatever its currency
        int index = random.nextInt(accounts());
        for (String currency : currencies) {
            List<Account> accounts = byCurrency.get(currency);
            if (index < accounts.size()) {
                return Optional.of(pickIn(accounts, random));
            }
            index -= accounts.size();
        }
        return Optional.empty();
    }

    /** Two different accounts of one currency, for a transfer. */
    synchronized Optional<Account[]> pickPair(Random random) {
        Optional<Account> source = pick(random);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        List<Account> accounts = byCurrency.get(source.get().currency());
        if (accounts.size() < 2) {
            return Optional.empty();
        }
        Account destination;
        do {
            destination = pickIn(accounts, random);
        } while (destination.equals(source.get()));
        return Optional.of(new Account[] {source.get(), destination});
    }

    private static Account pickIn(List<Account> accounts, Random random) {
        if (accounts.size() > HOT_ACCOUNTS && random.nextDouble() < HOT_SHARE) {
            return accounts.get(random.nextInt(HOT_ACCOUNTS));
        }
        return accounts.get(random.nextInt(accounts.size()));
    }

    /** An account to freeze now, taken as frozen at once; empty while enough are frozen. */
    synchronized Optional<Account> freeze(Random random) {
        if (frozen.size() >= MAX_FROZEN) {
            return Optional.empty();
        }
        Optional<Account> account = pick(random).filter(candidate -> !frozen.contains(candidate.id()));
        account.ifPresent(candidate -> frozen.add(candidate.id()));
        return account;
    }

    /** The account frozen longest, taken as unfrozen at once. */
    synchronized Optional<String> unfreeze() {
        if (frozen.isEmpty()) {
            return Optional.empty();
        }
        String id = frozen.iterator().next();
        frozen.remove(id);
        return Optional.of(id);
    }

    synchronized boolean anyFrozen() {
        return !frozen.isEmpty();
    }

    synchronized void awaitingReview(String transferId) {
        awaitingReview.addLast(transferId);
    }

    synchronized Optional<String> nextReview() {
        return Optional.ofNullable(awaitingReview.pollFirst());
    }

    synchronized boolean anyAwaitingReview() {
        return !awaitingReview.isEmpty();
    }
}
