package dev.ledger.query.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class BrokerConfiguredTest {

    @Test
    void shouldTurnTheRelayOnOnlyForABrokerSomeoneConfigured() {
        assertThat(BrokerConfigured.outcome(new MockEnvironment()).isMatch()).isFalse();
        assertThat(BrokerConfigured.outcome(new MockEnvironment().withProperty("spring.rabbitmq.host", " "))
                                   .isMatch()).isFalse();
        assertThat(BrokerConfigured.outcome(new MockEnvironment().withProperty("spring.rabbitmq.host", "mq"))
                                   .isMatch()).isTrue();
        assertThat(BrokerConfigured.outcome(new MockEnvironment()
                                                    .withProperty("spring.rabbitmq.addresses", "amqp://mq:5672"))
                                   .isMatch()).isTrue();
        assertThat(BrokerConfigured.outcome(new MockEnvironment().withProperty("spring.rabbitmq.host", "mq")
                                                                 .withProperty("ledger.relay.enabled", "false"))
                                   .getMessage()).contains("ledger.relay.enabled is false");
    }
}
