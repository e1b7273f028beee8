package dev.ledger.command.authorization;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Money;
import dev.ledger.api.RejectionReason;
import dev.ledger.api.authorization.AuthorizationStatus;
import dev.ledger.api.authorization.CaptureAuthorizationCommand;
import dev.ledger.api.authorization.ExpireAuthorizationCommand;
import dev.ledger.api.authorization.PlaceAuthorizationCommand;
import dev.ledger.api.authorization.VoidAuthorizationCommand;
import dev.ledger.api.transfer.ScreeningDecision;
import dev.ledger.api.transfer.ScreeningRuleHit;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.command.account.AccountBook;
import dev.ledger.command.account.AccountBook.Parties;
import dev.ledger.command.account.LockedAccount;
import dev.ledger.command.directory.AccountDirectory;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.screening.ScreeningPolicy;
import dev.ledger.command.screening.ScreeningPolicy.ScreeningResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Books authorizations: the authorization and the account(s) it touches in one unit of work, so a reservation, a
 * capture's two postings or a release commit together with the authorization's own event. Locks are taken in one
 * order, as for transfers: the authorization first, then this node's locks of its accounts before the screening
 * ({@link AccountBook#lockAheadOfScreening}: a transfer out of the same account takes them before its screening
 * too), then the accounts by id in the database ({@link AccountBook}).
 * <p>
 * A card authorization is decided in real time: screening that would send a transfer to a reviewer (or deny it)
 * declines the authorization at once, and nothing is written. Refusals are exceptions with an error code, never
 * events: the caller is there to hear them, and no process needs to react.
 * <p>
 * One file over 300 lines: the four steps of an authorization (place, capture, void, expire) share the loading,
 * visibility, screening and refusal rules below, and each step's checks must run in the order written here (who may
 * act, then the id, then the funds) for the answers to reveal nothing to a caller who may not act.
 */
@Component
class AuthorizationBooking {

    /** A capture id leaves room for the authorization id in its posting ids (statement entry ids, 128 long). */
    static final int MAX_CAPTURE_ID_LENGTH = 56;

    private final Repository<Authorization> authorizations;
    private final AccountBook accounts;
    private final AccountDirectory directory;
    private final ScreeningPolicy screening;
    private final EventStore eventStore;
    private final Clock clock;

    @Autowired
    AuthorizationBooking(Repository<Authorization> authorizationRepository, AccountBook accounts,
                         AccountDirectory directory, ScreeningPolicy screening, EventStore eventStore) {
        this(authorizationRepository, accounts, directory, screening, eventStore, Clock.systemUTC());
    }

    AuthorizationBooking(Repository<Authorization> authorizationRepository, AccountBook accounts,
                         AccountDirectory directory, ScreeningPolicy screening, EventStore eventStore, Clock clock) {
        this.authorizations = authorizationRepository;
        this.accounts = accounts;
        this.directory = directory;
        this.screening = screening;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    @CommandHandler
    AuthorizationOutcome handle(PlaceAuthorizationCommand command) throws Exception {
        requireValid(command);
        String id = command.authorizationId();
        List<String> ids = new ArrayList<>(List.of(id, command.accountId()));
        if (command.destinationAccountId() != null) {
            ids.add(command.destinationAccountId());
        }
        Map<String, ListedAccount> listed = directory.findAll(ids);
        ListedAccount source = listed.get(command.accountId());
        if (source == null || !source.ownedBy(command.requestedBy())) {
            // another owner's account is answered exactly as an unknown one, before any id is looked at: what an
            // id is taken by is for a caller paying out of its own account to learn, as for transfers
            throw new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + command.accountId());
        }
        if (eventStore.lastSequenceNumberFor(id).isPresent()) {
            return resubmitted(command);
        }
        if (listed.containsKey(id)) {
            throw idTaken(id);
        }
        Money amount = command.amount();
        ListedAccount destination = command.destinationAccountId() == null ? null
                : listedDestination(listed, command.destinationAccountId());
        requireCurrency(amount.currency(), source, destination);
        accounts.lockAheadOfScreening(command.accountId());
        ScreeningResult verdict = screening.screen(source, destination != null ? destination : source, amount);
        if (verdict.decision() != ScreeningDecision.PASSED) {
            throw declined(verdict, "authorization");
        }
        // A second placement with this id racing this one fails at commit on the stream's first sequence number.
        Aggregate<Authorization> authorization =
                authorizations.newInstance(() -> new Authorization(command, source.owner()));
        LockedAccount account = accounts.lock(command.accountId());
        refuse(account.holdRefusal(amount), command.accountId());
        account.reserveForAuthorization(id, amount);
        return outcome(authorization);
    }

    @CommandHandler
    AuthorizationOutcome handle(CaptureAuthorizationCommand command) {
        requireValid(command);
        String id = command.authorizationId();
        Aggregate<Authorization> authorization = loadVisible(id, command.requestedBy(), command.byTreasury());
        String authorized = authorization.invoke(Authorization::destinationAccountId);
        if (authorized != null && command.destinationAccountId() != null
                && !authorized.equals(command.destinationAccountId())) {
            // the payer authorized paying that account, and screening judged that payment: nobody redirects it
            throw new LedgerRuleViolation(ErrorCode.CAPTURE_DESTINATION_MISMATCH,
                                          "authorization " + id + " pays " + authorized + " only");
        }
        String destinationId = command.destinationAccountId() != null ? command.destinationAccountId() : authorized;
        if (destinationId == null) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "the authorization names no destination: the capture must name one");
        }
        long amount = command.amount();
        if (authorization.invoke(a -> a.capturedAlready(command.captureId(), destinationId, amount))) {
            return outcome(authorization);
        }
        Instant now = clock.instant();
        authorization.execute(a -> a.requireCapturable(amount, now));
        String sourceId = authorization.invoke(Authorization::accountId);
        if (sourceId.equals(destinationId)) {
            throw new LedgerRuleViolation(ErrorCode.SAME_ACCOUNT, "a capture cannot go to the authorized account");
        }
        Money money = new Money(amount, authorization.invoke(Authorization::currency));
        Map<String, ListedAccount> listed = directory.findAll(List.of(sourceId, destinationId));
        ListedAccount destination = listedDestination(listed, destinationId);
        requireCurrency(money.currency(), null, destination);
        // only a denial refuses a capture: what needed review was decided when the funds were authorized
        accounts.lockAheadOfScreening(sourceId, destinationId);
        ScreeningResult verdict = screening.screen(listed.get(sourceId), destination, money);
        if (verdict.decision() == ScreeningDecision.DENIED) {
            throw declined(verdict, "capture");
        }
        Parties parties = accounts.lock(sourceId, destinationId);
        refuse(parties.destination().creditRefusal(money), destinationId);
        if (parties.source().authorized(id) < amount) {
            throw new IllegalStateException("account " + sourceId + " reserves less than authorization " + id);
        }
        authorization.execute(a -> a.capture(command.captureId(), destinationId, amount, command.requestedBy()));
        parties.source().captureAuthorized(id, command.captureId(), debitPostingId(id, command.captureId()), money);
        parties.destination().creditAuthorized(id, command.captureId(), creditPostingId(id, command.captureId()),
                                               money);
        return outcome(authorization);
    }

    /** A repeated void answers the voided authorization; any other closed one refuses. */
    @CommandHandler
    AuthorizationOutcome handle(VoidAuthorizationCommand command) {
        requirePrincipal(command.requestedBy());
        Aggregate<Authorization> authorization = loadVisible(command.authorizationId(), command.requestedBy(), false);
        Instant now = clock.instant();
        if (authorization.invoke(a -> a.voidBy(command.requestedBy(), now))) {
            release(authorization, command.authorizationId(), "VOIDED");
        }
        return outcome(authorization);
    }

    /** A late or repeated expiry (captured in full, voided, expired already) changes nothing. */
    @CommandHandler
    void handle(ExpireAuthorizationCommand command) {
        Aggregate<Authorization> authorization = authorizations.load(command.authorizationId());
        if (authorization.invoke(Authorization::expire)) {
            release(authorization, command.authorizationId(), "EXPIRED");
        }
    }

    private void release(Aggregate<Authorization> authorization, String id, String reason) {
        LockedAccount account = accounts.lock(authorization.invoke(Authorization::accountId));
        account.releaseAuthorized(id, reason);
    }

    /** The same id again: the first result if it asks for the same, a conflict otherwise. */
    private AuthorizationOutcome resubmitted(PlaceAuthorizationCommand command) {
        Aggregate<Authorization> existing;
        try {
            existing = authorizations.load(command.authorizationId());
        } catch (AggregateNotFoundException | IncompatibleAggregateException anotherKind) {
            throw idTaken(command.authorizationId());
        }
        if (!existing.invoke(a -> a.placedAs(command))) {
            throw new LedgerRuleViolation(ErrorCode.AUTHORIZATION_ID_CONFLICT,
                                          "authorization " + command.authorizationId()
                                                  + " exists with different content");
        }
        return outcome(existing);
    }

    /**
     * The authorization if {@code principal} may act on it: who placed it, or treasury where allowed. Anyone else
     * is answered exactly as for an unknown id.
     */
    private Aggregate<Authorization> loadVisible(String id, String principal, boolean byTreasury) {
        Aggregate<Authorization> authorization;
        try {
            authorization = authorizations.load(id);
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            // the second: the id names an account's or a transfer's stream
            throw notFound(id);
        }
        if (!byTreasury && !principal.equals(authorization.invoke(Authorization::requestedBy))) {
            throw notFound(id);
        }
        return authorization;
    }

    private static AuthorizationOutcome outcome(Aggregate<Authorization> authorization) {
        AuthorizationStatus status = authorization.invoke(Authorization::status);
        // what it still reserves: nothing once voided or expired, whatever was left uncaptured
        return new AuthorizationOutcome(authorization.version(), status,
                                        status == AuthorizationStatus.OPEN
                                                ? authorization.invoke(Authorization::remaining) : 0);
    }

    private static ListedAccount listedDestination(Map<String, ListedAccount> listed, String destinationId) {
        ListedAccount destination = listed.get(destinationId);
        if (destination == null) {
            throw new LedgerRuleViolation(ErrorCode.UNKNOWN_ACCOUNT, "no account " + destinationId);
        }
        return destination;
    }

    private static void requireCurrency(String currency, ListedAccount source, ListedAccount destination) {
        for (ListedAccount party : new ListedAccount[] {source, destination}) {
            if (party != null && !party.currency().equals(currency)) {
                throw new LedgerRuleViolation(ErrorCode.CURRENCY_MISMATCH,
                                              "account " + party.accountId() + " is in " + party.currency()
                                                      + ", not " + currency);
            }
        }
    }

    /** An account's refusal as the caller's error: nothing of this unit of work is stored. */
    private static void refuse(RejectionReason refusal, String accountId) {
        if (refusal == null) {
            return;
        }
        ErrorCode code = switch (refusal) {
            case INSUFFICIENT_FUNDS -> ErrorCode.INSUFFICIENT_FUNDS;
            case CURRENCY_MISMATCH -> ErrorCode.CURRENCY_MISMATCH;
            case BALANCE_OVERFLOW -> ErrorCode.BALANCE_OVERFLOW;
            default -> ErrorCode.ACCOUNT_NOT_OPEN;
        };
        throw new LedgerRuleViolation(code, "account " + accountId + " refused: " + refusal);
    }

    private static LedgerRuleViolation declined(ScreeningResult verdict, String what) {
        String rules = verdict.hits().stream().filter(hit -> hit.outcome() != ScreeningDecision.PASSED)
                              .map(ScreeningRuleHit::rule).distinct().collect(Collectors.joining(", "));
        return new LedgerRuleViolation(ErrorCode.AUTHORIZATION_DECLINED,
                                       what + " declined by screening (" + rules + "): an authorization is decided "
                                               + "in real time and cannot wait for a review");
    }

    private static LedgerRuleViolation idTaken(String id) {
        return new LedgerRuleViolation(ErrorCode.AUTHORIZATION_ID_CONFLICT,
                                       "id " + id + " is taken; ids are unique across accounts, transfers and "
                                               + "authorizations");
    }

    private static LedgerRuleViolation notFound(String id) {
        return new LedgerRuleViolation(ErrorCode.AUTHORIZATION_NOT_FOUND, "no authorization " + id);
    }

    private static void requireValid(PlaceAuthorizationCommand command) {
        if (!LedgerIds.isValid(command.authorizationId()) || !LedgerIds.isValid(command.accountId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid authorization or account id");
        }
        if (command.destinationAccountId() != null && !LedgerIds.isValid(command.destinationAccountId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid destination account id");
        }
        if (command.accountId().equals(command.destinationAccountId())) {
            throw new LedgerRuleViolation(ErrorCode.SAME_ACCOUNT, "the destination must differ from the account");
        }
        requireAmount(command.amount());
        if (command.expiresAt() == null) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "an authorization needs an expiry");
        }
        requirePrincipal(command.requestedBy());
    }

    private static void requireValid(CaptureAuthorizationCommand command) {
        if (!LedgerIds.isValid(command.authorizationId()) || !LedgerIds.isValid(command.captureId())
                || command.captureId().length() > MAX_CAPTURE_ID_LENGTH) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                          "invalid authorization id, or capture id (at most "
                                                  + MAX_CAPTURE_ID_LENGTH + " characters of [A-Za-z0-9._:-])");
        }
        if (command.destinationAccountId() != null && !LedgerIds.isValid(command.destinationAccountId())) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "invalid destination account id");
        }
        if (command.amount() < 1 || command.amount() > Money.MAX_OPERATION_AMOUNT) {
            throw amountOutOfRange();
        }
        requirePrincipal(command.requestedBy());
    }

    private static void requireAmount(Money amount) {
        if (amount == null || !amount.withinOperationLimits()) {
            throw amountOutOfRange();
        }
    }

    private static LedgerRuleViolation amountOutOfRange() {
        return new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED,
                                       "amount must be between 1 and " + Money.MAX_OPERATION_AMOUNT);
    }

    private static void requirePrincipal(String principal) {
        if (principal == null || principal.isBlank()) {
            throw new LedgerRuleViolation(ErrorCode.VALIDATION_FAILED, "an authorization needs the principal asking");
        }
    }

    // Posting ids derive from the authorization and the capture, recognisable on both sides. They are joined by '/',
    // which no id may contain: with ':' (an id character) authorization "a:b" capturing "c" and authorization "a"
    // capturing "b:c" would post the same id, and the statement would take the second entry for a redelivery and
    // drop it; so would a transfer with id "a:b:c".

    static String debitPostingId(String authorizationId, String captureId) {
        return authorizationId + "/" + captureId + ":debit";
    }

    static String creditPostingId(String authorizationId, String captureId) {
        return authorizationId + "/" + captureId + ":credit";
    }
}
