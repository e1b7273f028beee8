package dev.ledger.platform.correlation;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Stamps every command sent from a request thread with that request's correlation id. Commands sent from
 * inside a handler (sagas) get theirs from Axon's {@code MessageOriginProvider} (see the platform's Axon configuration) instead.
 */
public class CorrelationIdDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(CorrelationIds.KEY)) {
                return command;
            }
            return CorrelationIds.current()
                                 .<CommandMessage<?>>map(id -> command.andMetaData(java.util.Map.of(CorrelationIds.KEY, id)))
                                 .orElse(command);
        };
    }
}
