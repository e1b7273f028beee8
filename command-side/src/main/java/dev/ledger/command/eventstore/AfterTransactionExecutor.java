package dev.ledger.command.eventstore;

import java.util.concurrent.Executor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands a task to {@code delegate} once the current Spring transaction has ended, or at once outside one. A task
 * submitted while a command's unit of work commits inside a request's transaction would otherwise start before that
 * transaction commits, and not see what it wrote. It is handed over however the transaction ends: a snapshot of the
 * committed events is right either way, and Axon counts a scheduled snapshot as in progress until its task ran.
 */
final class AfterTransactionExecutor implements Executor {

    private final Executor delegate;

    AfterTransactionExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            delegate.execute(task);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                delegate.execute(task);
            }
        });
    }
}
