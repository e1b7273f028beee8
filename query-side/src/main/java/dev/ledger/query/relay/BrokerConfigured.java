package dev.ledger.query.relay;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The relay runs when a broker is configured ({@code spring.rabbitmq.host} or {@code spring.rabbitmq.addresses})
 * and {@code ledger.relay.enabled} is not false. Spring's own defaults (localhost:5672) do not count: a query side
 * started without a broker must not publish into one it happens to find, nor lag behind one that is not there.
 */
class BrokerConfigured extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return outcome(context.getEnvironment());
    }

    static ConditionOutcome outcome(Environment environment) {
        if (!environment.getProperty("ledger.relay.enabled", Boolean.class, true)) {
            return ConditionOutcome.noMatch("ledger.relay.enabled is false");
        }
        for (String property : new String[] {"spring.rabbitmq.addresses", "spring.rabbitmq.host"}) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                return ConditionOutcome.match(property + " is set");
            }
        }
        return ConditionOutcome.noMatch("no broker configured (spring.rabbitmq.host or spring.rabbitmq.addresses)");
    }
}
