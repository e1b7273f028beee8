package dev.ledger.query.account;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The system rows ({@code world:<CUR>}, {@code transit:<CUR>}) take one leg of every posting of their currency, so
 * they are the hottest rows of the read side. Updating them per event kept them locked for a whole batch and made
 * the processor's workers take turns; instead, the legs of one batch are summed and applied once, just before the
 * batch commits, in the same transaction, in account-id order (so two workers never lock them in opposite order).
 * Outside a unit of work (tests calling handlers directly) the leg is applied at once.
 */
@Component
class SystemAccountPostings {

    private static final String RESOURCE = SystemAccountPostings.class.getName();

    private final AccountSummaryRepository accounts;

    SystemAccountPostings(AccountSummaryRepository accounts) {
        this.accounts = accounts;
    }

    /** Adds {@code delta} to the system account's balance when the current batch commits. */
    void post(String systemAccountId, String currency, long delta, Instant at) {
        if (!CurrentUnitOfWork.isStarted()) {
            accounts.addToSystemAccount(systemAccountId, currency, delta, at);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, Pending> pending = batch.getOrComputeResource(RESOURCE, key -> {
            Map<String, Pending> legs = new TreeMap<>();
            batch.onPrepareCommit(u -> legs.forEach(
                    (account, leg) -> accounts.addToSystemAccount(account, leg.currency, leg.delta, leg.at)));
            return legs;
        });
        pending.merge(systemAccountId, new Pending(currency, delta, at), Pending::plus);
    }

    /** The summed legs of one system account within a batch. */
    private record Pending(String currency, long delta, Instant at) {

        Pending plus(Pending other) {
            return new Pending(currency, Math.addExact(delta, other.delta),
                               at.isAfter(other.at) ? at : other.at);
        }
    }
}
