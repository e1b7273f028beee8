package dev.ledger.platform.correlation;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies the request's correlation id from every message to the messages it causes (command → events →
 * saga commands → their events), and records the direct cause. Axon's default {@code MessageOriginProvider}
 * would instead put the parent's message id under the same key. The acting principal and its client (see the
 * security package's dispatch interceptor) are carried along the same way.
 */
public class LedgerCorrelationDataProvider implements CorrelationDataProvider {

    private static final String[] PRINCIPAL_KEYS = {"principal", "clientId"};

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>(4);
        Object correlationId = message.getMetaData().get(CorrelationIds.KEY);
        data.put(CorrelationIds.KEY, correlationId != null ? correlationId : message.getIdentifier());
        data.put(CorrelationIds.CAUSATION_KEY, message.getIdentifier());
        // who acted travels with the work it caused, so every event names its principal
        for (String key : PRINCIPAL_KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
