package dev.ledger.consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The reference consumer as a service: it keeps every account's latest balance and a count per event type from the
 * ledger's integration events, each applied once however often the broker delivers it.
 */
@SpringBootApplication
public class ConsumerApplication {

    /**
     * Its configuration file is {@code integration-consumer.yml}, not {@code application.yml}: the ledger's services
     * have this module on their test class path, and two {@code application.yml} would shadow each other.
     */
    public static final String CONFIG_NAME = "spring.config.name=integration-consumer";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ConsumerApplication.class).properties(CONFIG_NAME).run(args);
    }
}
