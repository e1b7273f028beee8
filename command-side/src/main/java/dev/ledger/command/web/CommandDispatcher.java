package dev.ledger.command.web;

import dev.ledger.command.locking.CommandSettings;
import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerRequestException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits a bounded time for its outcome. A timeout does not mean the command failed: it
 * may still commit, so the client is told to retry the same request (the idempotency key makes that safe).
 */
@Component
public class CommandDispatcher {

    private final CommandGateway gateway;
    private final Duration timeout;

    CommandDispatcher(CommandGateway gateway, CommandSettings commands) {
        this.gateway = gateway;
        this.timeout = commands.timeout();
    }

    /** @return the command handler's result; rethrows the handler's exception as it was */
    public <R> R send(Object command) {
        try {
            return gateway.<R>send(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new LedgerRequestException(ErrorCode.SERVICE_UNAVAILABLE,
                                             "the command did not complete in time; its outcome is unknown, "
                                                     + "retry with the same Idempotency-Key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerRequestException(ErrorCode.SERVICE_UNAVAILABLE, "interrupted while waiting");
        }
    }
}
