package dev.ledger.command;

import dev.ledger.platform.LedgerPlatform;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The write side of the ledger: aggregates decide, the event store remembers.
 */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        LedgerPlatform.prepare();
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
