package dev.ledger.platform.correlation;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the correlation id of the message being handled into the logging MDC, so log lines written by
 * command handlers, sagas and projections can be joined with the HTTP request that caused them.
 */
public class CorrelationIdLoggingInterceptor<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(CorrelationIds.KEY);
        String previous = MDC.get(CorrelationIds.KEY);
        if (correlationId != null) {
            MDC.put(CorrelationIds.KEY, correlationId.toString());
        }
        try {
            return chain.proceed();
        } finally {
            if (previous != null) {
                MDC.put(CorrelationIds.KEY, previous);
            } else {
                MDC.remove(CorrelationIds.KEY);
            }
        }
    }
}
