package dev.ledger.command.account;

import dev.ledger.command.locking.AggregateLocks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.axonframework.common.lock.Lock;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loads the accounts a money movement touches into the current unit of work, so their events append in the same
 * commit as the movement's own. Each load takes the account's lock until that commit; accounts are always locked
 * in id order, so two transfers in opposite directions wait for each other instead of deadlocking. The streams'
 * optimistic concurrency (the unique sequence number) still guards against another node.
 */
@Component
public class AccountBook {

    private final Repository<Account> accounts;
    /** This node's account locks; {@code null} with Axon Server, whose threads hold no request's locks. */
    private final AggregateLocks accountLocks;

    @Autowired
    AccountBook(Repository<Account> accountRepository, AggregateLocks accountLocks,
                @Value("${axon.axonserver.enabled:true}") boolean axonServer) {
        this.accounts = accountRepository;
        this.accountLocks = axonServer ? null : accountLocks;
    }

    /** For harnesses that run commands on one thread, without requests: there are no locks to take ahead. */
    AccountBook(Repository<Account> accountRepository) {
        this(accountRepository, null, true);
    }

    /**
     * Takes this node's locks of the accounts now, until the transaction ends, for a flow that screens before it
     * loads them. Every flow must take an account's lock before the screening's lock of its source: a transfer takes
     * its accounts' ahead of its transaction (the request filter, {@code LocksAccounts}), so a refund or an
     * authorization's capture, whose accounts are known only in its handler, takes them here before it screens;
     * otherwise a transfer and it could each hold one lock and wait for the other until their deadlines. Loading the
     * accounts later takes the same locks again at once (they are reentrant). With Axon Server, commands run on its
     * threads and transfers take no lock ahead, so neither does this.
     */
    public void lockAheadOfScreening(String... accountIds) {
        if (accountLocks == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        List<Lock> held = new ArrayList<>();
        try {
            // in id order, as every lock of accounts; each waits no longer than the request's deadline
            for (String id : new TreeSet<>(List.of(accountIds))) {
                held.add(accountLocks.obtainLock(id));
            }
        } catch (RuntimeException e) {
            held.forEach(Lock::release);
            throw e;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                held.forEach(Lock::release);
            }
        });
    }

    /**
     * Locks both accounts of a transfer, in id order.
     *
     * @throws org.axonframework.modelling.command.AggregateNotFoundException if one has no history
     */
    public Parties lock(String sourceAccountId, String destinationAccountId) {
        List<LockedAccount> locked = Stream.of(sourceAccountId, destinationAccountId)
                                           .sorted(Comparator.naturalOrder())
                                           .map(id -> new LockedAccount(accounts.load(id)))
                                           .toList();
        LockedAccount first = locked.get(0);
        return first.id().equals(sourceAccountId) ? new Parties(first, locked.get(1))
                : new Parties(locked.get(1), first);
    }

    /** Locks one account, for a step that posts to it alone (releasing a hold). */
    public LockedAccount lock(String accountId) {
        return new LockedAccount(accounts.load(accountId));
    }

    /** The two accounts of a transfer, both locked for the current unit of work. */
    public record Parties(LockedAccount source, LockedAccount destination) {
    }
}
