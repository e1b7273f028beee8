package dev.ledger.platform.correlation;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies the request's correlation id from every message to the messages it causes (command → events →
 * saga commands → their events), and records the direct cause. Axon's default {@code MessageOriginProvider}
 * would instead put the parent's message id under the same key.
 */
public class LedgerCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>(2);
        Object correlationId = message.getMetaData().get(CorrelationIds.KEY);
        data.put(CorrelationIds.KEY, correlationId != null ? correlationId : message.getIdentifier());
        data.put(CorrelationIds.CAUSATION_KEY, message.getIdentifier());
        return data;
    }
}
