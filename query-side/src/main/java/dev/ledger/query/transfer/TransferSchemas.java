package dev.ledger.query.transfer;

import dev.ledger.api.query.RefundView;
import dev.ledger.api.query.ScreeningView;
import dev.ledger.api.query.TransferPage;
import dev.ledger.api.query.TransferStepView;
import dev.ledger.api.query.TransferView;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How the API description shows the transfer views of shared-api, which carry no documentation annotations (the
 * contract depends on no framework): Jackson mix-ins, registered on the mapper swagger-core reads schemas with,
 * never on the application's. Registered when the context starts, before springdoc builds the document.
 */
@Component
class TransferSchemas {

    private static final String ID = "^[A-Za-z0-9._:-]{1,64}$";

    TransferSchemas() {
        Json.mapper().addMixIn(TransferView.class, TransferViewSchema.class)
            .addMixIn(TransferPage.class, TransferPageSchema.class)
            .addMixIn(TransferStepView.class, TransferStepSchema.class)
            .addMixIn(ScreeningView.class, ScreeningSchema.class)
            .addMixIn(ScreeningRuleHit.class, ScreeningRuleHitSchema.class)
            .addMixIn(RefundView.class, RefundSchema.class);
    }

    interface TransferViewSchema {

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "t-1", maxLength = 64, pattern = ID,
                description = "The transfer's id (a refund's, for a refund).")
        String transferId();

        @Schema(example = "alice", maxLength = 64, pattern = ID, description = "The account debited.")
        String sourceAccountId();

        @Schema(example = "bob", maxLength = 64, pattern = ID, description = "The account credited.")
        String destinationAccountId();

        @Schema(example = "1500", minimum = "1", description = "Minor units.")
        long amount();

        @Schema(example = "EUR", pattern = "^[A-Z]{3}$", description = "ISO-4217 code.")
        String currency();

        @Schema(nullable = true, example = "rent", description = "The requester's free text.")
        String reference();

        @Schema(example = "COMPLETED", allowableValues = {"REQUESTED", "SCREENING", "IN_REVIEW", "FUNDS_RESERVED",
                                                          "COMPLETED", "REJECTED", "FAILED"},
                description = "`REQUESTED → SCREENING → (IN_REVIEW) → FUNDS_RESERVED → COMPLETED`, or the terminal "
                              + "failures `REJECTED` (screening, funds, an account not open) and `FAILED` "
                              + "(compensated: the hold released). A transfer that passes screening completes in its "
                              + "request's commit; the states between are seen only while a review holds it.")
        String status();

        @Schema(description = "The timeline, oldest first: each step, when, and why.")
        List<TransferStepView> steps();

        @Schema(description = "The screening decision, and the review if there was one.")
        ScreeningView screening();

        @Schema(nullable = true, example = "tour-2",
                description = "The correlation id of the request that created it; only its requester sees it "
                              + "(`null` for the other party).")
        String correlationId();

        @Schema(nullable = true, example = "ledger-holder",
                description = "The principal that requested it; `null` before the ledger had principals.")
        String requestedBy();

        @Schema(example = "2", minimum = "0",
                description = "The sequence number of the transfer's own last applied event: compare with a "
                              + "command's `<transferId>@<version>` token (request 0, screening 1, outcome 2).")
        long version();

        @Schema(example = "2026-01-31T12:00:00Z", description = "When it was requested.")
        Instant requestedAt();

        @Schema(example = "2026-01-31T12:00:00Z", description = "When it last changed.")
        Instant updatedAt();

        @Schema(nullable = true, example = "t-1", description = "For a refund: the transfer it pays back.")
        String refundOf();

        @Schema(example = "0", minimum = "0",
                description = "Minor units paid back by completed refunds (refunds in review not counted).")
        long refundedAmount();

        @Schema(description = "The refunds of this transfer, oldest first, whatever their outcome.")
        List<RefundView> refunds();

        @Schema(description = "The labels given with the request, by key; `{}` for none. Visible to both parties.")
        Map<String, String> metadata();

        @Schema(example = "[\"alice@3\", \"bob@1\"]",
                description = "Once the money has moved: the account versions its postings produced, as "
                              + "`<account>@<version>` consistency tokens for those accounts' reads (a party sees its "
                              + "own accounts' only); empty before.")
        List<String> accountVersions();

        @Schema(nullable = true, example = "@8",
                description = "Once the money has moved: `@<position>` of its last posting, a consistency token any "
                              + "account read (balance, entries, list) can wait for; `null` before.")
        String postingsToken();
    }

    interface TransferPageSchema {

        @Schema(description = "The transfers of this page, newest first.")
        List<TransferView> items();

        @Schema(nullable = true, maxLength = 128, example = "MTc2OTg2MDgwMDAwMDAwMHx0LTE",
                description = "Pass as `cursor` for the next (older) page; `null` on the last page. Opaque.")
        String nextCursor();
    }

    interface TransferStepSchema {

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "SCREENING",
                description = "The status entered (a transfer status), or what happened on the way: `APPROVED`, "
                              + "`SOURCE_DEBITED`, `DESTINATION_CREDITED`, `HOLD_REJECTED`, `CREDIT_REJECTED`, "
                              + "`FUNDS_RELEASED`.")
        String status();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-01-31T12:00:00Z", description = "When.")
        Instant at();

        @Schema(requiredMode = RequiredMode.REQUIRED, nullable = true, example = "PASSED",
                description = "Why, or `null`: a reason code (e.g. the screening verdict, `INSUFFICIENT_FUNDS`), with "
                              + "its detail for compliance and auditors; a refusal by the other party's account "
                              + "reads `COUNTERPARTY_REFUSED` to a party.")
        String reason();
    }

    interface ScreeningSchema {

        @Schema(nullable = true, example = "PASSED", allowableValues = {"PASSED", "REVIEW", "DENIED"},
                description = "`PASSED`: money may move; `REVIEW`: a person must approve or reject; `DENIED`: "
                              + "rejected. `null` before screening.")
        String decision();

        @Schema(description = "The rules that fired, with their inputs; empty for a party (compliance's to see).")
        List<ScreeningRuleHit> hits();

        @Schema(nullable = true, example = "ledger-compliance-2",
                description = "Who decided the review; `null` without one, and for a party.")
        String reviewer();

        @Schema(nullable = true, example = "known customer",
                description = "The reviewer's note; `null` without one, and for a party.")
        String reviewNote();
    }

    interface ScreeningRuleHitSchema {

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "deny-list",
                description = "The rule's stable name, e.g. `deny-list`, `amount-threshold`, `velocity`.")
        String rule();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "DENIED", description = "What the rule demands.")
        ScreeningDecision outcome();

        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The values it compared, as text.")
        Map<String, String> inputs();
    }

    interface RefundSchema {

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "r-1", description = "The refund's transfer id.")
        String transferId();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "500", minimum = "1",
                description = "Minor units, in the original's currency.")
        long amount();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "COMPLETED",
                allowableValues = {"IN_REVIEW", "COMPLETED", "REJECTED", "FAILED"},
                description = "`IN_REVIEW` while it awaits its reviewer (its amount stays reserved), then "
                              + "`COMPLETED`, `REJECTED` or `FAILED`.")
        String status();
    }
}
