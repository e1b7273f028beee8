package dev.ledger.command.authorization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.api.authorization.AuthorizationCapturedEvent;
import dev.ledger.api.authorization.AuthorizationExpiredEvent;
import dev.ledger.api.authorization.AuthorizationPlacedEvent;
import dev.ledger.api.authorization.AuthorizationStatus;
import dev.ledger.api.authorization.AuthorizationVoidedEvent;
import dev.ledger.api.authorization.PlaceAuthorizationCommand;
import dev.ledger.command.LedgerRuleViolation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An authorization's own rules: how much it reserved, how much its captures took, until when it is open, and that
 * a capture id names one capture. Its commands are handled by {@link AuthorizationBooking}, which changes the
 * account(s) in the same unit of work; the account keeps the reservation itself (a hold), so at every commit the
 * authorization's remaining amount and the account's hold agree.
 */
// cache and lock factory are the repository's (AuthorizationConfiguration)
@Aggregate(repository = "authorizationRepository")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Authorization {

    @AggregateIdentifier
    private String authorizationId;
    private String accountId;
    private String destinationAccountId;
    private Money amount;
    private long captured;
    private Instant expiresAt;
    private String reference;
    private String requestedBy;
    private AuthorizationStatus status;
    private Map<String, Capture> captures = new HashMap<>();

    /** A capture as first asked for: a resubmission with the same id is compared with it. */
    record Capture(String destinationAccountId, long amount) {
    }

    Authorization() {
        // for event sourcing
    }

    Authorization(PlaceAuthorizationCommand command, String owner) {
        apply(new AuthorizationPlacedEvent(command.authorizationId(), command.accountId(), command.amount(),
                                           command.destinationAccountId(), command.expiresAt(), command.reference(),
                                           command.requestedBy(), owner));
    }

    /**
     * Whether {@code command} asks for what this authorization was placed for. The expiry is left out: a timeout
     * resubmitted later names a later instant, and the first one stands.
     */
    boolean placedAs(PlaceAuthorizationCommand command) {
        return accountId.equals(command.accountId()) && amount.equals(command.amount())
                && Objects.equals(destinationAccountId, command.destinationAccountId())
                && Objects.equals(reference, command.reference())
                && Objects.equals(requestedBy, command.requestedBy());
    }

    /** @return whether {@code captureId} was captured already with this content; a different content is refused */
    boolean capturedAlready(String captureId, String destination, long captureAmount) {
        Capture earlier = captures.get(captureId);
        if (earlier == null) {
            return false;
        }
        if (!earlier.equals(new Capture(destination, captureAmount))) {
            throw new LedgerRuleViolation(ErrorCode.CAPTURE_ID_CONFLICT,
                                          "capture " + captureId + " of authorization " + authorizationId
                                                  + " exists with different content");
        }
        return true;
    }

    /**
     * Refuses a capture the authorization cannot take now: closed, past its expiry (also before its deadline has
     * fired: the instant decides, not the process), or beyond what remains.
     */
    void requireCapturable(long captureAmount, Instant now) {
        requireOpen(now);
        if (captureAmount > remaining()) {
            throw new LedgerRuleViolation(ErrorCode.CAPTURE_EXCEEDS_AUTHORIZATION,
                                          "capture of " + captureAmount + " exceeds the " + remaining()
                                                  + " authorization " + authorizationId + " still reserves");
        }
    }

    void capture(String captureId, String destination, long captureAmount, String capturedBy) {
        long total = Math.addExact(captured, captureAmount);
        apply(new AuthorizationCapturedEvent(authorizationId, captureId, accountId, destination,
                                             new Money(captureAmount, amount.currency()), total,
                                             Math.subtractExact(amount.amount(), total), capturedBy));
    }

    /** @return whether the void released anything now; {@code false} if it was voided before (a repeated void) */
    boolean voidBy(String principal, Instant now) {
        if (status == AuthorizationStatus.VOIDED) {
            return false;
        }
        requireOpen(now);
        apply(new AuthorizationVoidedEvent(authorizationId, accountId, remainingMoney(), principal));
        return true;
    }

    /** @return whether it expired now; {@code false} if it was closed first (a late or repeated expiry) */
    boolean expire() {
        if (status != AuthorizationStatus.OPEN) {
            return false;
        }
        apply(new AuthorizationExpiredEvent(authorizationId, accountId, remainingMoney()));
        return true;
    }

    private void requireOpen(Instant now) {
        if (status != AuthorizationStatus.OPEN || !now.isBefore(expiresAt)) {
            throw new LedgerRuleViolation(ErrorCode.AUTHORIZATION_NOT_OPEN,
                                          "authorization " + authorizationId + " is "
                                                  + (status == AuthorizationStatus.OPEN ? "past its expiry "
                                                  + expiresAt : status));
        }
    }

    long remaining() {
        return amount.amount() - captured;
    }

    private Money remainingMoney() {
        return new Money(remaining(), amount.currency());
    }

    String accountId() {
        return accountId;
    }

    String destinationAccountId() {
        return destinationAccountId;
    }

    String requestedBy() {
        return requestedBy;
    }

    String currency() {
        return amount.currency();
    }

    AuthorizationStatus status() {
        return status;
    }

    @EventSourcingHandler
    void on(AuthorizationPlacedEvent event) {
        authorizationId = event.authorizationId();
        accountId = event.accountId();
        destinationAccountId = event.destinationAccountId();
        amount = event.amount();
        expiresAt = event.expiresAt();
        reference = event.reference();
        requestedBy = event.requestedBy();
        status = AuthorizationStatus.OPEN;
    }

    @EventSourcingHandler
    void on(AuthorizationCapturedEvent event) {
        captures.put(event.captureId(), new Capture(event.destinationAccountId(), event.amount().amount()));
        captured = event.capturedTotal();
        if (event.remaining() == 0) {
            status = AuthorizationStatus.CAPTURED;
        }
    }

    @EventSourcingHandler
    void on(AuthorizationVoidedEvent event) {
        status = AuthorizationStatus.VOIDED;
    }

    @EventSourcingHandler
    void on(AuthorizationExpiredEvent event) {
        status = AuthorizationStatus.EXPIRED;
    }
}
