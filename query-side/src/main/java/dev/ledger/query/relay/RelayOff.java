package dev.ledger.query.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start-up that nothing is published, and why, so a missing broker setting is not found weeks later. */
@Component
@Conditional(BrokerNotConfigured.class)
class RelayOff {

    private static final Logger log = LoggerFactory.getLogger(RelayOff.class);

    private final Environment environment;

    RelayOff(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void say() {
        log.warn("integration-event relay off: {}; nothing is published to RabbitMQ (set LEDGER_RABBITMQ_URL, or "
                         + "any spring.rabbitmq.* address, to turn it on)",
                 BrokerConfigured.outcome(environment).getMessage());
    }
}
