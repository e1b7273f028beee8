package dev.ledger.query.relay;

import dev.ledger.query.processors.ProcessingGroups;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The relay dying between the broker's confirms and its token's commit, in process: once armed, the next batches
 * fail just before they commit, after every message of theirs was published and confirmed. What the broker has is
 * then exactly what a kill -9 at that moment leaves; the token did not move, so the batch is published again.
 */
@TestConfiguration(proxyBeanMethods = false)
class CrashBeforeTokenCommit {

    private static final AtomicInteger CRASHES_LEFT = new AtomicInteger();
    private static final String REGISTERED = CrashBeforeTokenCommit.class.getName();

    /** The next {@code batches} batches of the relay publish and then fail before their commit. */
    static void arm(int batches) {
        CRASHES_LEFT.set(batches);
    }

    @Bean
    ConfigurerModule relayCrashes() {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(
                ProcessingGroups.INTEGRATION_EVENTS, configuration -> new Crash());
    }

    private static final class Crash implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                             InterceptorChain interceptorChain) throws Exception {
            Object result = interceptorChain.proceed();
            UnitOfWork<?> batch = unitOfWork.root();
            // registered once the batch has something to publish, so after the publisher's own hook (it publishes
            // and waits for the confirms): the crash comes after the broker has the messages
            if (CRASHES_LEFT.get() > 0 && batch.resources().containsKey(ConfirmedPublisher.PENDING)
                    && batch.resources().putIfAbsent(REGISTERED, Boolean.TRUE) == null) {
                batch.onPrepareCommit(u -> {
                    if (CRASHES_LEFT.getAndDecrement() > 0) {
                        throw new IllegalStateException("simulated crash between publishing and the token commit");
                    }
                });
            }
            return result;
        }
    }
}
