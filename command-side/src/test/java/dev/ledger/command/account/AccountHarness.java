package dev.ledger.command.account;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;

/**
 * Lets tests outside this package run the real (package-private) {@link Account} aggregate on a command bus of
 * their own, e.g. to drive it together with the transfer process.
 */
public final class AccountHarness {

    private AccountHarness() {
    }

    public static void register(CommandBus bus, EventStore eventStore) {
        EventSourcingRepository<Account> repository = EventSourcingRepository.builder(Account.class)
                                                                             .eventStore(eventStore)
                                                                             .build();
        AggregateAnnotationCommandHandler.<Account>builder()
                                         .aggregateType(Account.class)
                                         .repository(repository)
                                         .build()
                                         .subscribe(bus);
    }
}
