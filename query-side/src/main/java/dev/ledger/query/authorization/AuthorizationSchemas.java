package dev.ledger.query.authorization;

import dev.ledger.api.query.AuthorizationCaptureView;
import dev.ledger.api.query.AuthorizationPage;
import dev.ledger.api.query.AuthorizationView;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * How the API description shows the authorization views of shared-api, which carry no documentation annotations
 * (the contract depends on no framework): Jackson mix-ins, registered on the mapper swagger-core reads schemas
 * with, never on the application's. Registered when the context starts, before springdoc builds the document.
 */
@Component
class AuthorizationSchemas {

    private static final String ID = "^[A-Za-z0-9._:-]{1,64}$";

    AuthorizationSchemas() {
        Json.mapper().addMixIn(AuthorizationView.class, AuthorizationViewSchema.class)
            .addMixIn(AuthorizationPage.class, AuthorizationPageSchema.class)
            .addMixIn(AuthorizationCaptureView.class, CaptureSchema.class);
    }

    interface AuthorizationViewSchema {

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "au-1", maxLength = 64, pattern = ID,
                description = "The authorization's id.")
        String authorizationId();

        @Schema(example = "alice", maxLength = 64, pattern = ID, description = "The account whose funds it holds.")
        String accountId();

        @Schema(nullable = true, example = "bob", maxLength = 64, pattern = ID,
                description = "The account its captures pay, when it names one; `null`: each capture names its own.")
        String destinationAccountId();

        @Schema(example = "5000", minimum = "1", description = "The amount authorized, minor units.")
        long amount();

        @Schema(example = "EUR", pattern = "^[A-Z]{3}$", description = "ISO-4217 code.")
        String currency();

        @Schema(example = "2000", minimum = "0", description = "The sum of its captures, minor units.")
        long capturedAmount();

        @Schema(example = "3000", minimum = "0",
                description = "What it still holds on the account, minor units; 0 once it is no longer open.")
        long remainingAmount();

        @Schema(example = "OPEN", allowableValues = {"OPEN", "CAPTURED", "VOIDED", "EXPIRED"},
                description = "`OPEN` until captured in full (`CAPTURED`), voided (`VOIDED`) or expired at "
                              + "`expiresAt` (`EXPIRED`); each releases what remains.")
        String status();

        @Schema(example = "2026-01-31T13:00:00Z", description = "When what remains is released.")
        Instant expiresAt();

        @Schema(nullable = true, example = "order 7", description = "The payer's free text.")
        String reference();

        @Schema(description = "Its captures, oldest first.")
        List<AuthorizationCaptureView> captures();

        @Schema(example = "2", minimum = "0",
                description = "The sequence number of its last applied event: compare with a command's "
                              + "`<authorizationId>@<version>` token.")
        long version();
    }

    interface AuthorizationPageSchema {

        @Schema(description = "The authorizations of this page, by id.")
        List<AuthorizationView> items();

        @Schema(nullable = true, example = "au-1", maxLength = 64, pattern = ID,
                description = "Pass as `cursor` for the next page; `null` on the last page.")
        String nextCursor();
    }

    interface CaptureSchema {

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "c-1", description = "The capture's id.")
        String captureId();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "bob", description = "The account it credited.")
        String destinationAccountId();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2000", minimum = "1", description = "Minor units.")
        long amount();

        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-01-31T12:10:00Z",
                description = "When it was posted.")
        Instant at();
    }
}
