package dev.ledger.command.account;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Metadata;
import dev.ledger.api.Money;
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.DepositMoneyCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.OpenAccountCommand;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.api.account.WithdrawMoneyCommand;
import dev.ledger.command.backpressure.MovesMoney;
import dev.ledger.command.idempotency.IdempotentCommand;
import dev.ledger.command.locking.LocksAccounts;
import dev.ledger.command.web.CommandAccepted;
import dev.ledger.command.web.CommandDispatcher;
import dev.ledger.command.web.IfMatch;
import dev.ledger.command.web.RequestMetadata;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.security.LedgerRole;
import dev.ledger.platform.web.LedgerRequestException;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account commands over HTTP. Answers {@code 202 Accepted}: the change is committed to the event store, and the
 * read models will show it shortly (the consistency token tells the query side what to wait for).
 */
@RestController
@RequestMapping(path = "/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountCommandController {

    private final CommandDispatcher commands;

    AccountCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    CommandAccepted open(@Valid @RequestBody OpenAccountRequest request) {
        String accountId = request.accountId() != null ? request.accountId() : LedgerIds.generate();
        if (LedgerIds.isReservedForSystem(accountId)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "ids starting with '" + LedgerIds.SYSTEM_ACCOUNT_PREFIX + "' are reserved");
        }
        String currency = requireKnownCurrency(request.currency());
        Metadata metadata = RequestMetadata.from(request.metadata());
        long overdraft = request.overdraftLimit() != null ? request.overdraftLimit() : 0L;
        Caller caller = Caller.required();
        String owner = request.owner() != null && !request.owner().isBlank() ? request.owner().strip()
                                                                             : caller.subject();
        if (!caller.has(LedgerRole.TREASURY)) {
            // a holder opens accounts for itself, without credit: credit and other owners are treasury's decisions
            if (!owner.equals(caller.subject())) {
                throw new LedgerRequestException(ErrorCode.ACCESS_DENIED,
                                                 "only treasury may open an account for another owner");
            }
            if (overdraft > 0) {
                throw new LedgerRequestException(ErrorCode.ACCESS_DENIED, "only treasury may grant an overdraft");
            }
        }
        commands.send(new OpenAccountCommand(accountId, currency, overdraft, blankToNull(request.ownerRef()), owner,
                                             metadata));
        return CommandAccepted.forAccount(accountId, 0);
    }

    @PostMapping(path = "/{accountId}/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @MovesMoney
    @LocksAccounts("accountId")
    CommandAccepted deposit(@PathVariable String accountId, @Valid @RequestBody MoneyMovementRequest request) {
        Money amount = toMoney(request);
        long version = commands.<Long>send(new DepositMoneyCommand(requireAccountId(accountId),
                                                                   LedgerIds.generate(), amount));
        return CommandAccepted.forAccount(accountId, version);
    }

    @PostMapping(path = "/{accountId}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @MovesMoney
    @LocksAccounts("accountId")
    CommandAccepted withdraw(@PathVariable String accountId, @Valid @RequestBody MoneyMovementRequest request) {
        Money amount = toMoney(request);
        long version = commands.<Long>send(new WithdrawMoneyCommand(requireAccountId(accountId),
                                                                    LedgerIds.generate(), amount));
        return CommandAccepted.forAccount(accountId, version);
    }

    /*
     * Freeze, unfreeze and close take an optional body (just a reason) and an optional If-Match: an operator who
     * decided on what they saw can insist that nothing changed since (412 otherwise). Repeating one of them is
     * harmless: the account is already in the asked-for state and no event is recorded.
     */
    @PostMapping(path = "/{accountId}/freeze")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = false)
    @LocksAccounts("accountId")
    CommandAccepted freeze(@PathVariable String accountId,
                           @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                           @Valid @RequestBody(required = false) AccountLifecycleRequest request) {
        return lifecycle(accountId, ifMatch, request, FreezeAccountCommand::new);
    }

    @PostMapping(path = "/{accountId}/unfreeze")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = false)
    @LocksAccounts("accountId")
    CommandAccepted unfreeze(@PathVariable String accountId,
                             @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                             @Valid @RequestBody(required = false) AccountLifecycleRequest request) {
        return lifecycle(accountId, ifMatch, request, UnfreezeAccountCommand::new);
    }

    @PostMapping(path = "/{accountId}/close")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = false)
    @LocksAccounts("accountId")
    CommandAccepted close(@PathVariable String accountId,
                          @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                          @Valid @RequestBody(required = false) AccountLifecycleRequest request) {
        return lifecycle(accountId, ifMatch, request, CloseAccountCommand::new);
    }

    /** How a lifecycle command is made from the account, the reason and the version the caller decided on. */
    @FunctionalInterface
    private interface LifecycleCommand {
        Object of(String accountId, String reason, Long expectedVersion);
    }

    private CommandAccepted lifecycle(String accountId, String ifMatch, AccountLifecycleRequest request,
                                      LifecycleCommand command) {
        long version = commands.<Long>send(command.of(requireAccountId(accountId), reasonOf(request),
                                                      IfMatch.expectedVersion(ifMatch)));
        return CommandAccepted.forAccount(accountId, version);
    }

    private static String reasonOf(AccountLifecycleRequest request) {
        return request == null ? null : blankToNull(request.reason());
    }

    private static Money toMoney(MoneyMovementRequest request) {
        return new Money(request.amount(), requireKnownCurrency(request.currency()));
    }

    private static String requireAccountId(String accountId) {
        if (!LedgerIds.isValid(accountId) || LedgerIds.isSystemAccount(accountId)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid account id");
        }
        return accountId;
    }

    private static String requireKnownCurrency(String currency) {
        if (!Money.isCurrency(currency)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "unknown ISO-4217 currency " + currency);
        }
        return currency;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
