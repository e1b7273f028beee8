package dev.ledger.query.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
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
    private final TransactionManager axonTransactionManager;

    public ProjectionDriver(EventProcessingConfiguration processing, PlatformTransactionManager transactionManager) {
        this.processing = processing;
        this.transaction = new TransactionTemplate(transactionManager);
        this.axonTransactionManager = new SpringTransactionManager(transactionManager);
    }

    /**
     * Delivers the events, in the given order, in batches of random size (1 to {@code maxBatch}) as a processor
     * does: each batch in one {@link BatchingUnitOfWork} with its own transaction, so writes a projection defers to
     * the end of its batch are exercised, with reordering and redelivery inside a batch and across batches.
     */
    public void deliverInBatches(String processingGroup, List<? extends EventMessage<?>> events, Random random,
                                 int maxBatch) {
        List<EventMessageHandler> handlers = handlersOf(processingGroup);
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(maxBatch));
            BatchingUnitOfWork<EventMessage<?>> batch =
                    new BatchingUnitOfWork<>(new ArrayList<>(events.subList(from, to)));
            batch.attachTransaction(axonTransactionManager);
            ResultMessage<?> result = batch.executeWithResult(() -> {
                EventMessage<?> event = batch.getMessage();
                for (EventMessageHandler handler : handlers) {
                    if (handler.canHandle(event)) {
                        handler.handle(event);
                    }
                }
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                throw new IllegalStateException("batch failed in " + processingGroup, result.exceptionResult());
            }
            from = to;
        }
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
