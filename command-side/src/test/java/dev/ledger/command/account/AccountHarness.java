package dev.ledger.command.account;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;

/**
 * Lets tests outside this package run the real (package-private) {@link Account} aggregate on a command bus of
 * their own, e.g. to drive it together with a transfer's booking.
 */
public final class AccountHarness {

    private AccountHarness() {
    }

    /**
     * Subscribes the account's command handlers to {@code bus} and returns an {@link AccountBook} over the same
     * repository, as production wires them: transfers and account commands load the same streams.
     */
    public static AccountBook register(CommandBus bus, EventStore eventStore) {
        EventSourcingRepository<Account> repository = EventSourcingRepository.builder(Account.class)
                                                                             .eventStore(eventStore)
                                                                             .build();
        AggregateAnnotationCommandHandler.<Account>builder()
                                         .aggregateType(Account.class)
                                         .repository(repository)
                                         .build()
                                         .subscribe(bus);
        return new AccountBook(repository);
    }
}
