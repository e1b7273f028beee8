package dev.ledger.query;

import dev.ledger.platform.LedgerPlatform;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The read side of the ledger: projections follow the event store into PostgreSQL read models and answer
 * queries, always saying how fresh the answer is.
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        LedgerPlatform.prepare();
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
