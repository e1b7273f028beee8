package dev.ledger.command.authorization;

import dev.ledger.command.locking.AggregateLocks;
import dev.ledger.command.locking.CommandSettings;
import dev.ledger.command.locking.CommittedStateRepository;
import dev.ledger.command.locking.SharedLocks;
import dev.ledger.command.locking.TransactionBoundLockFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The authorizations' repository: cached and locked like the transfers' (see TransferConfiguration). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthorizationSettings.class)
class AuthorizationConfiguration {

    @Bean
    Cache authorizationCache() {
        return new WeakReferenceCache();
    }

    /** Held until the command's transaction ends: see {@link TransactionBoundLockFactory}. */
    @Bean
    LockFactory authorizationLockFactory(Cache authorizationCache, CommandSettings commands, SharedLocks sharedLocks) {
        return new TransactionBoundLockFactory(authorizationCache, new AggregateLocks(commands.timeout()),
                                               sharedLocks);
    }

    @Bean
    Repository<Authorization> authorizationRepository(EventStore eventStore, Cache authorizationCache,
                                                      LockFactory authorizationLockFactory,
                                                      ParameterResolverFactory parameterResolverFactory,
                                                      HandlerDefinition handlerDefinition) {
        return CommittedStateRepository.of(EventSourcingRepository.builder(Authorization.class)
                                                                  .lockFactory(authorizationLockFactory)
                                                                  .parameterResolverFactory(parameterResolverFactory)
                                                                  .handlerDefinition(handlerDefinition),
                                           eventStore, authorizationCache);
    }
}
