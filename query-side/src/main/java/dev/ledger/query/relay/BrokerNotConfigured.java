package dev.ledger.query.relay;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The opposite of {@link BrokerConfigured}. */
class BrokerNotConfigured extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionOutcome on = BrokerConfigured.outcome(context.getEnvironment());
        return on.isMatch() ? ConditionOutcome.noMatch(on.getMessage()) : ConditionOutcome.match(on.getMessage());
    }
}
