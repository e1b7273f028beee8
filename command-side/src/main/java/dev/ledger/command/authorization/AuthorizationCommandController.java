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
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.security.LedgerRole;
import dev.ledger.platform.web.LedgerRequestException;
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
class AuthorizationCommandController {

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
    AuthorizationAccepted authorize(@PathVariable String accountId, @Valid @RequestBody AuthorizeRequest request) {
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
    AuthorizationAccepted capture(@PathVariable String authorizationId, @Valid @RequestBody CaptureRequest request) {
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
    AuthorizationAccepted voidAuthorization(@PathVariable String authorizationId) {
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
