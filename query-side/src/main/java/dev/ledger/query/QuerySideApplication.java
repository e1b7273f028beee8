package dev.ledger.query;

import dev.ledger.platform.LedgerPlatform;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The read side of the ledger: projections follow the event store into PostgreSQL read models and answer
 * queries, always saying how fresh the answer is.
 */
@SpringBootApplication
@OpenAPIDefinition(tags = {
        @Tag(name = "Accounts", description = "Accounts as the read models have them: one account, the list, its "
                                              + "statement entries, its balance now or in the past. Opened, and "
                                              + "their money moved, on the command side."),
        @Tag(name = "Authorizations", description = "Authorizations (two-phase holds) and their captures: one or an "
                                                    + "account's list. Placed, captured and voided on the command "
                                                    + "side."),
        @Tag(name = "Operations", description = "For operators (auditors may read): the event processors and their "
                                                + "replays, the read models' dead letters, reconciliation against the "
                                                + "event store."),
        @Tag(name = "Transfers", description = "Transfers and refunds as the read models have them: status, "
                                               + "timeline, screening decision, refunds; one or a list. Requested, "
                                               + "reviewed and refunded on the command side.")})
public class QuerySideApplication {

    public static void main(String[] args) {
        LedgerPlatform.prepare();
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
