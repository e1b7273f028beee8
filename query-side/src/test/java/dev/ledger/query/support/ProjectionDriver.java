package dev.ledger.query.support;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers events straight to a processing group's handlers, bypassing the event store, so a test can decide the
 * order and repeat deliveries, which the store's constraints (and the processors) never would. It uses the very
 * handler adapters the group's processor uses (same parameter resolution), each delivery in its own transaction
 * like a processor batch; unlike the processor it lets a handler's exception through, so a failure fails the
 * test instead of being logged.
 */
public final class ProjectionDriver {

    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transaction;

    public ProjectionDriver(EventProcessingConfiguration processing, PlatformTransactionManager transactionManager) {
        this.processing = processing;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Delivers each event, in the given order, to every handler of {@code processingGroup} that handles it. */
    public void deliver(String processingGroup, List<? extends EventMessage<?>> events) {
        List<EventMessageHandler> handlers = handlersOf(processingGroup);
        for (EventMessage<?> event : events) {
            transaction.executeWithoutResult(tx -> {
                for (EventMessageHandler handler : handlers) {
                    if (handler.canHandle(event)) {
                        try {
                            handler.handle(event);
                        } catch (Exception e) {
                            throw new IllegalStateException("handler failed on " + event.getPayloadType(), e);
                        }
                    }
                }
            });
        }
    }

    private List<EventMessageHandler> handlersOf(String processingGroup) {
        AbstractEventProcessor processor = processing.eventProcessor(processingGroup, AbstractEventProcessor.class)
                                                     .orElseThrow(() -> new IllegalArgumentException(
                                                             "no processor for " + processingGroup));
        List<EventMessageHandler> handlers = new ArrayList<>();
        collect(processor.eventHandlerInvoker(), handlers);
        return handlers;
    }

    private static void collect(EventHandlerInvoker invoker, List<EventMessageHandler> into) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, into));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            into.addAll(simple.eventHandlers());
        } else {
            throw new IllegalStateException("unexpected invoker " + invoker.getClass());
        }
    }
}
