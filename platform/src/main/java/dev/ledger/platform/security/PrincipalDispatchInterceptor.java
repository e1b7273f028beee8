package dev.ledger.platform.security;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Stamps every command sent for an authenticated request with who sent it ({@value #PRINCIPAL_KEY}: the token's
 * subject, {@value #CLIENT_KEY}: its client), so every event it causes records the acting principal in its
 * meta-data (the correlation data provider copies both keys on). Commands sent by the ledger itself (a review
 * expiring) name their own principal.
 */
public class PrincipalDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String PRINCIPAL_KEY = "principal";
    public static final String CLIENT_KEY = "clientId";
    /**
     * On the posting events of a transfer: who requested the transfer, also when the postings are made later by a
     * reviewer's approval (whose subject is then the {@value #PRINCIPAL_KEY}).
     */
    public static final String REQUESTER_KEY = "requestedBy";

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(PRINCIPAL_KEY)) {
                return command;
            }
            return Caller.current()
                         .<CommandMessage<?>>map(caller -> command.andMetaData(
                                 Map.of(PRINCIPAL_KEY, caller.subject(), CLIENT_KEY, caller.clientId())))
                         .orElse(command);
        };
    }
}
