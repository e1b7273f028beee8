package dev.ledger.query.account;

import dev.ledger.api.query.AccountPage;
import dev.ledger.api.query.AccountView;
import dev.ledger.api.query.StatementEntryView;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How the API description shows the account views of shared-api, which carry no documentation annotations (the
 * contract depends on no framework): Jackson mix-ins, registered on the mapper swagger-core reads schemas with,
 * never on the application's. Registered when the context starts, before springdoc builds the document.
 */
@Component
class AccountSchemas {

    AccountSchemas() {
        Json.mapper().addMixIn(AccountView.class, AccountViewSchema.class)
            .addMixIn(AccountPage.class, AccountPageSchema.class)
            .addMixIn(StatementEntryView.class, StatementEntrySchema.class);
    }

    interface AccountViewSchema {

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "alice", maxLength = 64,
                pattern = "^[A-Za-z0-9._:-]{1,64}$",
                description = "The account's id; a system account's is `world:<currency>` or `transit:<currency>`.")
        String accountId();

        @Schema(example = "CUSTOMER", allowableValues = {"CUSTOMER", "SYSTEM"},
                description = "`CUSTOMER`, or `SYSTEM` for a currency's contra accounts (`world:EUR`, the other leg "
                              + "of deposits and withdrawals; `transit:EUR`, of transfers and captures).")
        String kind();

        @Schema(example = "EUR", pattern = "^[A-Z]{3}$", description = "ISO-4217 code.")
        String currency();

        @Schema(type = "number", multipleOf = 1, example = "-2000",
                description = "The posted balance in minor units: a JSON integer. A customer account's fits in 64 "
                              + "bits; a system account's sums a whole currency and may not, so the type is `number` "
                              + "(a generated client reads a BigDecimal, exact at any size).")
        BigInteger balance();

        @Schema(example = "0", minimum = "0",
                description = "Held by open holds (transfers in review) and authorizations, minor units.")
        long held();

        @Schema(type = "number", multipleOf = 1, example = "3000",
                description = "`balance + overdraftLimit - held`, minor units (a JSON integer, of any size as "
                              + "`balance`): what the account can pay out now.")
        BigInteger available();

        @Schema(example = "5000", minimum = "0", description = "How far below zero the balance may go.")
        long overdraftLimit();

        @Schema(example = "OPEN", allowableValues = {"OPEN", "FROZEN", "CLOSED"},
                description = "A frozen account refuses deposits, withdrawals, holds and credits; a closed one "
                              + "everything.")
        String status();

        @Schema(nullable = true, example = "cust-42", description = "The owner reference given at opening.")
        String ownerRef();

        @Schema(nullable = true, example = "ledger-holder",
                description = "The principal (token subject) that owns it; `null` for system accounts and accounts "
                              + "opened before the ledger had principals.")
        String owner();

        @Schema(example = "2", minimum = "-1",
                description = "The sequence number of the account's last event the read model has applied: compare "
                              + "with a command's `<accountId>@<version>` token. `-1` for system accounts.")
        long version();

        @Schema(example = "2026-01-31T12:00:00Z", description = "When the last applied event happened.")
        Instant updatedAt();

        @Schema(description = "The labels given at opening, by key; `{}` for none.")
        Map<String, String> metadata();
    }

    interface AccountPageSchema {

        @Schema(description = "The accounts of this page, by id.")
        List<AccountView> items();

        @Schema(nullable = true, example = "bob", maxLength = 64, pattern = "^[A-Za-z0-9._:-]{1,64}$",
                description = "Pass as `cursor` for the next page; `null` on the last page.")
        String nextCursor();
    }

    interface StatementEntrySchema {

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "t-1:debit",
                description = "The posting leg's id, stable across replays.")
        String entryId();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "12000", minimum = "1",
                description = "The amount, minor units, always positive: `direction` says which way.")
        long amount();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "EUR", pattern = "^[A-Z]{3}$",
                description = "ISO-4217 code.")
        String currency();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "DEBIT", allowableValues = {"CREDIT", "DEBIT"},
                description = "`CREDIT`: the balance went up; `DEBIT`: down.")
        String direction();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "-2000",
                description = "The account's balance right after this entry, minor units.")
        long balanceAfter();

        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "t-1",
                description = "The transfer (or authorization) that posted it; `null` for deposits and "
                              + "withdrawals.")
        String transferId();

        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "tour-1",
                description = "The correlation id of the request that caused it.")
        String correlationId();

        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "ledger-treasury",
                description = "The principal whose request caused it (for a transfer: who requested it).")
        String initiatedBy();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2", minimum = "0",
                description = "The account version that posted it; entries are ordered by it.")
        long sequence();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-01-31T12:00:00Z",
                description = "When it was posted.")
        Instant at();
    }
}
