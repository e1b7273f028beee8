package dev.ledger.command.transfer;

import dev.ledger.command.locking.CommandSettings;
import dev.ledger.command.locking.AggregateLocks;
import dev.ledger.command.locking.CommittedStateRepository;
import dev.ledger.command.locking.SharedLocks;
import dev.ledger.command.locking.TransactionBoundLockFactory;
import dev.ledger.platform.LedgerStorageProperties;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Storage of the transfer process: sagas in the command side's own schema (snake_case tables from Flyway, bytea
 * payloads), and a cache so a busy transfer is not re-read for every step.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TransferSettings.class)
class TransferConfiguration {

    @Bean
    Cache transferCache() {
        return new WeakReferenceCache();
    }

    /** Held until the command's transaction ends: see {@link TransactionBoundLockFactory}. */
    @Bean
    LockFactory transferLockFactory(Cache transferCache, CommandSettings commands, SharedLocks sharedLocks) {
        return new TransactionBoundLockFactory(transferCache, new AggregateLocks(commands.timeout()), sharedLocks);
    }

    /** Cached and locked like the accounts: see {@link CommittedStateRepository}. */
    @Bean
    Repository<Transfer> transferRepository(EventStore eventStore, Cache transferCache,
                                            LockFactory transferLockFactory,
                                            ParameterResolverFactory parameterResolverFactory,
                                            HandlerDefinition handlerDefinition) {
        return CommittedStateRepository.of(EventSourcingRepository.builder(Transfer.class)
                                                                  .lockFactory(transferLockFactory)
                                                                  .parameterResolverFactory(parameterResolverFactory)
                                                                  .handlerDefinition(handlerDefinition),
                                           eventStore, transferCache);
    }

    @Bean
    SagaSqlSchema sagaSqlSchema(LedgerStorageProperties storage) {
        SagaSchema schema = SagaSchema.builder()
                                      .sagaEntryTable(storage.own("saga_entry"))
                                      .associationValueEntryTable(storage.own("association_value_entry"))
                                      .revisionColumn("revision")
                                      .serializedSagaColumn("serialized_saga")
                                      .associationKeyColumn("association_key")
                                      .associationValueColumn("association_value")
                                      .sagaIdColumn("saga_id")
                                      .sagaTypeColumn("saga_type")
                                      .build();
        return new PostgresSagaSqlSchema(schema);
    }
}
