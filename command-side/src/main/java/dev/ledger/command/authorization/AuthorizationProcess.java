package dev.ledger.command.authorization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.api.authorization.AuthorizationCapturedEvent;
import dev.ledger.api.authorization.AuthorizationExpiredEvent;
import dev.ledger.api.authorization.AuthorizationPlacedEvent;
import dev.ledger.api.authorization.AuthorizationVoidedEvent;
import dev.ledger.api.authorization.ExpireAuthorizationCommand;
import dev.ledger.command.transfer.TransferSettings;
import dev.ledger.platform.security.PrincipalDispatchInterceptor;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The part of an authorization that spans time: its expiry. Starts when the authorization is placed, arms a durable
 * deadline (it survives restarts) at {@code expiresAt}, and ends when the authorization closes: captured in full,
 * voided or expired. At the deadline the ledger expires it, releasing what is left, in one commit.
 * <p>
 * An expiry that fails is retried with exponential backoff and jitter by a second deadline armed before the command
 * is sent, with the transfer process's settings ({@code ledger.transfers.step-timeout}, {@code max-backoff}); the
 * expiry is a no-op once the authorization closed, so a retry can never release twice.
 */
@Saga
@ProcessingGroup(AuthorizationProcess.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class AuthorizationProcess {

    static final String PROCESSING_GROUP = "authorization-process";
    static final String AUTHORIZATION_ID = "authorizationId";
    static final String EXPIRY_DEADLINE = "authorization-expiry";
    /** The principal recorded on the events of an expiry: the ledger, not a person. */
    static final String EXPIRY_PRINCIPAL = "ledger:authorization-expiry";

    private static final Logger log = LoggerFactory.getLogger(AuthorizationProcess.class);

    private transient CommandGateway commands;
    private transient DeadlineManager deadlines;
    private transient TransferSettings settings;

    private String authorizationId;
    private int attempt;

    @Autowired
    void setCommands(CommandGateway commands) {
        this.commands = commands;
    }

    @Autowired
    void setDeadlines(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    @Autowired
    void setSettings(TransferSettings settings) {
        this.settings = settings;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = AUTHORIZATION_ID)
    void on(AuthorizationPlacedEvent event) {
        authorizationId = event.authorizationId();
        deadlines.schedule(event.expiresAt(), EXPIRY_DEADLINE);
    }

    /** Only the capture that leaves nothing closes the authorization; partial ones keep it open. */
    @SagaEventHandler(associationProperty = AUTHORIZATION_ID)
    void on(AuthorizationCapturedEvent event) {
        if (event.remaining() == 0) {
            deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
            SagaLifecycle.end();
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = AUTHORIZATION_ID)
    void on(AuthorizationVoidedEvent event) {
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = AUTHORIZATION_ID)
    void on(AuthorizationExpiredEvent event) {
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
    }

    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void onExpiry() {
        if (attempt > 0) {
            log.warn("authorization {}: expiry not yet settled, retry {}", authorizationId, attempt);
        }
        // armed first: if the expiry below fails, or this process dies before it commits, the retry still comes
        deadlines.schedule(settings.backoff(attempt++, ThreadLocalRandom.current()), EXPIRY_DEADLINE);
        commands.send(GenericCommandMessage.asCommandMessage(new ExpireAuthorizationCommand(authorizationId))
                                           .andMetaData(Map.of(PrincipalDispatchInterceptor.PRINCIPAL_KEY,
                                                               EXPIRY_PRINCIPAL,
                                                               PrincipalDispatchInterceptor.CLIENT_KEY,
                                                               EXPIRY_PRINCIPAL)));
    }
}
