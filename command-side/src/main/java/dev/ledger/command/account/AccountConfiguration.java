package dev.ledger.command.account;

import dev.ledger.command.locking.CommandSettings;
import dev.ledger.command.locking.AggregateLocks;
import dev.ledger.command.locking.CommittedStateRepository;
import dev.ledger.command.locking.SharedLocks;
import dev.ledger.command.locking.TransactionBoundLockFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loading an account cheap however long its history: without a cache every command re-reads the whole
 * stream (2,000 deposits on one account took over 1,000 s in a prototype). The cache holds live aggregates;
 * an entry another node has moved since is read again (see {@link CommittedStateRepository}), and a refused
 * command leaves it in place. Snapshots bound the replay after a restart; they are written in the
 * background (see the event store's snapshotter), and what an account keeps (its open holds, not the transfers it
 * settled) keeps them small however long its history.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountSettings.class)
class AccountConfiguration {

    @Bean
    Cache accountCache() {
        return new WeakReferenceCache();
    }

    /**
     * One lock per account, also taken by the command request filter before a request's transaction begins (see
     * {@link dev.ledger.command.locking.LocksAccounts}); a wait ends at the request's deadline, or after the command
     * timeout on threads that serve no request.
     */
    @Bean
    AggregateLocks accountLocks(CommandSettings commands) {
        return new AggregateLocks(commands.timeout());
    }

    /** Held until the command's transaction ends: see {@link TransactionBoundLockFactory}. */
    @Bean
    LockFactory accountLockFactory(Cache accountCache, AggregateLocks accountLocks, SharedLocks sharedLocks) {
        return new TransactionBoundLockFactory(accountCache, accountLocks, sharedLocks);
    }

    @Bean
    SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter, AccountSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshotThreshold());
    }

    /**
     * What {@code @Aggregate(cache = ..., lockFactory = ..., snapshotTriggerDefinition = ...)} would build, except
     * that a refused command keeps the account cached: see {@link CommittedStateRepository}.
     */
    @Bean
    Repository<Account> accountRepository(EventStore eventStore, Cache accountCache, LockFactory accountLockFactory,
                                          SnapshotTriggerDefinition accountSnapshotTrigger,
                                          ParameterResolverFactory parameterResolverFactory,
                                          HandlerDefinition handlerDefinition) {
        return CommittedStateRepository.of(EventSourcingRepository.builder(Account.class)
                                                                  .lockFactory(accountLockFactory)
                                                                  .snapshotTriggerDefinition(accountSnapshotTrigger)
                                                                  .parameterResolverFactory(parameterResolverFactory)
                                                                  .handlerDefinition(handlerDefinition),
                                           eventStore, accountCache);
    }
}
