package dev.ledger.command.account;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Loads the accounts a money movement touches into the current unit of work, so their events append in the same
 * commit as the movement's own. Each load takes the account's lock until that commit; accounts are always locked
 * in id order, so two transfers in opposite directions wait for each other instead of deadlocking. The streams'
 * optimistic concurrency (the unique sequence number) still guards against another node.
 */
@Component
public class AccountBook {

    private final Repository<Account> accounts;

    AccountBook(Repository<Account> accountRepository) {
        this.accounts = accountRepository;
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
