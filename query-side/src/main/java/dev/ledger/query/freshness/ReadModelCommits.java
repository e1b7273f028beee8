package dev.ledger.query.freshness;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Tells waiting reads that a read model committed a batch on this node. A handler interceptor on every processor
 * completes the current {@link #next() signal} after the batch's transaction has committed (rows and token
 * together), once per batch, and puts a fresh one in its place. It does so in the batch's clean-up, not in its
 * after-commit phase: Axon runs after-commit callbacks in reverse order of registration, so one registered here
 * (while handling) would run before the work package's own, which advances the segment's in-memory status; a read
 * waiting for a position ({@link ProjectionProgress#hasApplied}) woken then would see the old status and sleep a
 * whole poll interval. After a rollback the signal is spurious, which only costs a waiting read one more read. A read takes the signal before it reads, so a
 * commit between its read and its wait completes the signal it holds and is never missed.
 */
@Component
public class ReadModelCommits implements ConfigurerModule {

    private static final String SIGNAL_REGISTERED = ReadModelCommits.class.getName();

    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

    /** Completes when a read model next commits on this node. */
    public CompletableFuture<Void> next() {
        return next.get();
    }

    void committed() {
        next.getAndSet(new CompletableFuture<>()).complete(null);
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) -> this::signalAfterCommit);
    }

    private Object signalAfterCommit(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        // a batch's unit of work sees every event of the batch: one signal for all of them
        UnitOfWork<?> batch = unitOfWork.root();
        if (batch.resources().putIfAbsent(SIGNAL_REGISTERED, Boolean.TRUE) == null) {
            batch.onCleanup(done -> committed());
        }
        return chain.proceed();
    }
}
