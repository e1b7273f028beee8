package dev.ledger.command.authorization;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.authorization.CaptureAuthorizationCommand;
import dev.ledger.api.authorization.PlaceAuthorizationCommand;
import dev.ledger.api.authorization.VoidAuthorizationCommand;
import dev.ledger.command.backpressure.MovesMoney;
import dev.ledger.command.idempotency.IdempotentCommand;
import dev.ledger.command.web.CommandDispatcher;
import dev.ledger.command.web.LedgerIdPattern;
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.security.LedgerRole;
import dev.ledger.platform.web.LedgerRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authorization commands over HTTP. Each is booked in one commit before the answer: 202 means the funds are
 * reserved, the capture posted, or the rest released; a refusal writes nothing.
 * <p>
 * Who: the holder who owns the account places and voids. Captures by the same holder, or by treasury: a card
 * authorization is captured by whoever settles the payment (the acquirer's side), which in this ledger is treasury's
 * job; a holder capturing its own authorization just pays out of funds it reserved for that.
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Authorizations", description = "Two-phase holds, the card-payment shape: reserve an amount on an account "
                                            + "now, capture it later in parts, void the rest, or let it expire. Each "
                                            + "step is decided in real time and committed with the accounts it "
                                            + "touches; a refusal writes nothing.")
class AuthorizationCommandController {

    private static final String AUTHORIZATION_ID = "The authorization's id.";

    private final CommandDispatcher commands;
    private final AuthorizationSettings settings;
    private final Clock clock = Clock.systemUTC();

    AuthorizationCommandController(CommandDispatcher commands, AuthorizationSettings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    @PostMapping(path = "/accounts/{accountId}/authorizations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @MovesMoney
    @Operation(operationId = "placeAuthorization", summary = "Reserve funds on an account", description = """
            Reserves an amount on an account the holder owns (`held` rises, the balance does not) until it is \
            captured in full, voided, or expires at `expiresAt`, when the ledger releases what remains on a durable \
            deadline. Decided in real time: screened like a transfer, and a verdict that would send a transfer to \
            review (or deny it) declines it at once (`422 AUTHORIZATION_DECLINED`): a card payment cannot wait for \
            a person. Funds, currency and status are checked as for a withdrawal (`422 INSUFFICIENT_FUNDS`, \
            `422 CURRENCY_MISMATCH`, `422 ACCOUNT_NOT_OPEN`); another owner's account answers as an unknown one \
            (`404 ACCOUNT_NOT_FOUND`). A refusal writes nothing.

            The reservation commits with the authorization, before the answer. The same `authorizationId` with the \
            same content answers the authorization as it stands; with other content, or an account's or transfer's \
            id, it is `409 AUTHORIZATION_ID_CONFLICT`.""",
            responses = @ApiResponse(responseCode = "202", description = "Reserved: the authorization, `OPEN`."))
    @Refuses({ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.SAME_ACCOUNT, ErrorCode.UNKNOWN_ACCOUNT,
              ErrorCode.CURRENCY_MISMATCH, ErrorCode.AUTHORIZATION_ID_CONFLICT, ErrorCode.AUTHORIZATION_DECLINED,
              ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.BALANCE_OVERFLOW, ErrorCode.ACCOUNT_NOT_OPEN,
              ErrorCode.CONCURRENT_MODIFICATION})
    AuthorizationAccepted authorize(@Parameter(description = "The account to reserve on: one the holder owns.",
                                               example = "alice",
                                               schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                                    @PathVariable String accountId,
                                    @Valid @RequestBody AuthorizeRequest request) {
        if (!LedgerIds.isValid(accountId)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid account id");
        }
        if (!Money.isCurrency(request.currency())) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "unknown ISO-4217 currency " + request.currency());
        }
        Instant expiresAt = expiryOf(request, clock.instant());
        String id = request.authorizationId() != null ? request.authorizationId() : LedgerIds.generate();
        PlaceAuthorizationCommand command = new PlaceAuthorizationCommand(
                id, accountId, new Money(request.amount(), request.currency()), request.destinationAccountId(),
                expiresAt, blankToNull(request.reference()), Caller.required().subject());
        try {
            return AuthorizationAccepted.of(id, null, commands.<AuthorizationOutcome>send(command));
        } catch (AggregateStreamCreationException taken) {
            // the same id placed concurrently (or another node appended to the account first): the whole request
            // runs again in a fresh transaction, and then finds the recorded authorization
            throw new ConcurrencyException("authorization " + id + " collided with a concurrent append", taken);
        }
    }

    @PostMapping(path = "/authorizations/{authorizationId}/captures", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @MovesMoney
    @Operation(operationId = "captureAuthorization", summary = "Capture part of an authorization", description = """
            Pays part (or the rest) of an authorization's reservation to a destination account: the \
            authorization's, when it names one, otherwise the capture's own. The debit of the reserved funds and the \
            destination's credit commit together, both against the currency's transit account; the capture that \
            takes the rest closes the authorization (`CAPTURED`). The holder who placed it may capture, and \
            treasury (the acquirer's side) any; anyone else gets `404 AUTHORIZATION_NOT_FOUND`, as for an unknown \
            id.

            Refused with nothing written: more than remains (`422 CAPTURE_EXCEEDS_AUTHORIZATION`); at or after \
            `expiresAt` (even before the expiry has run), after a void or a full capture \
            (`409 AUTHORIZATION_NOT_OPEN`); another destination than the authorized one \
            (`422 CAPTURE_DESTINATION_MISMATCH`); a destination that screening denies \
            (`422 AUTHORIZATION_DECLINED`), that is unknown (`422 UNKNOWN_ACCOUNT`), the authorized account itself \
            (`422 SAME_ACCOUNT`), frozen or closed (`422 ACCOUNT_NOT_OPEN`) or in another currency. The same \
            `captureId` with the same amount and destination answers the first capture again; otherwise \
            `409 CAPTURE_ID_CONFLICT`.""",
            responses = @ApiResponse(responseCode = "202", description = "Captured: what the authorization still "
                                                                         + "reserves."))
    @Refuses({ErrorCode.AUTHORIZATION_NOT_FOUND, ErrorCode.AUTHORIZATION_NOT_OPEN, ErrorCode.CAPTURE_ID_CONFLICT,
              ErrorCode.CAPTURE_EXCEEDS_AUTHORIZATION, ErrorCode.CAPTURE_DESTINATION_MISMATCH, ErrorCode.SAME_ACCOUNT,
              ErrorCode.UNKNOWN_ACCOUNT, ErrorCode.CURRENCY_MISMATCH, ErrorCode.AUTHORIZATION_DECLINED,
              ErrorCode.ACCOUNT_NOT_OPEN, ErrorCode.BALANCE_OVERFLOW, ErrorCode.CONCURRENT_MODIFICATION})
    AuthorizationAccepted capture(@Parameter(description = AUTHORIZATION_ID, example = "au-1",
                                             schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                                  @PathVariable String authorizationId,
                                  @Valid @RequestBody CaptureRequest request) {
        requireValidId(authorizationId);
        Caller caller = Caller.required();
        String captureId = request.captureId() != null ? request.captureId() : LedgerIds.generate();
        CaptureAuthorizationCommand command = new CaptureAuthorizationCommand(
                authorizationId, captureId, request.amount(), request.destinationAccountId(), caller.subject(),
                caller.has(LedgerRole.TREASURY));
        return AuthorizationAccepted.of(authorizationId, captureId, commands.<AuthorizationOutcome>send(command));
    }

    /** A body is not needed; a void of a voided authorization answers it again, any other closed one is 409. */
    @PostMapping(path = "/authorizations/{authorizationId}/void")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @MovesMoney
    @Operation(operationId = "voidAuthorization", summary = "Void an authorization", description = """
            Gives back what an authorization still reserves and closes it (`VOIDED`), in one commit with the \
            account. Only the holder who placed it; anyone else gets `404 AUTHORIZATION_NOT_FOUND`, as for an \
            unknown id. No body.

            Voiding a voided authorization answers it again (`202`); one captured in full or expired (also past \
            `expiresAt` before the expiry has run) is `409 AUTHORIZATION_NOT_OPEN`.""",
            responses = @ApiResponse(responseCode = "202", description = "Voided: nothing is reserved any more."))
    @Refuses({ErrorCode.AUTHORIZATION_NOT_FOUND, ErrorCode.AUTHORIZATION_NOT_OPEN, ErrorCode.CONCURRENT_MODIFICATION})
    AuthorizationAccepted voidAuthorization(@Parameter(description = AUTHORIZATION_ID, example = "au-1",
                                                       schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                                            @PathVariable String authorizationId) {
        requireValidId(authorizationId);
        VoidAuthorizationCommand command = new VoidAuthorizationCommand(authorizationId,
                                                                        Caller.required().subject());
        return AuthorizationAccepted.of(authorizationId, null, commands.<AuthorizationOutcome>send(command));
    }

    /** The expiry asked for, within the configured bounds from {@code now}. */
    Instant expiryOf(AuthorizeRequest request, Instant now) {
        if (request.expiresAt() != null && request.timeout() != null) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "give expiresAt or timeout, not both");
        }
        Duration timeout;
        if (request.expiresAt() != null) {
            timeout = Duration.between(now, request.expiresAt());
        } else if (request.timeout() != null) {
            try {
                timeout = Duration.parse(request.timeout());
            } catch (DateTimeParseException | ArithmeticException malformed) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                                 "timeout must be an ISO-8601 duration, e.g. PT15M or P7D");
            }
        } else {
            timeout = settings.defaultTimeout();
        }
        if (timeout.compareTo(settings.minTimeout()) < 0 || timeout.compareTo(settings.maxTimeout()) > 0) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "the expiry must be between " + settings.minTimeout() + " and "
                                                     + settings.maxTimeout() + " from now");
        }
        return request.expiresAt() != null ? request.expiresAt() : now.plus(timeout);
    }

    private static void requireValidId(String authorizationId) {
        if (!LedgerIds.isValid(authorizationId)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid authorization id");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
