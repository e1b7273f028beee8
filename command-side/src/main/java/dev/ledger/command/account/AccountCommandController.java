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
import dev.ledger.command.web.LedgerIdPattern;
import dev.ledger.command.web.RequestMetadata;
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
@Tag(name = "Accounts", description = "An account: one currency, a balance in minor units that may go below zero down "
                                      + "to its overdraft limit, holds reserved on it, a status (`OPEN`, `FROZEN`, "
                                      + "`CLOSED`) and an owner. Every change is decided by the account against its "
                                      + "latest state and committed before the answer (strongly consistent); the "
                                      + "query side's views of it follow (eventually consistent, and say so).")
class AccountCommandController {

    private static final String ACCOUNT_ID = "The account's id.";

    private final CommandDispatcher commands;

    AccountCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @Operation(operationId = "openAccount", summary = "Open an account", description = """
            Opens an account in one currency with a zero balance, for its owner. A holder opens accounts for itself \
            (the token's subject becomes the `owner`) and without credit; treasury may name any owner and grant an \
            overdraft (`overdraftLimit`); a holder naming another owner or asking for credit gets \
            `403 ACCESS_DENIED`.

            The account exists when the `202` comes back, at version 0; the query side shows it shortly after (read \
            it with the `consistencyToken`). Its id is one namespace with transfers and authorizations: a taken id \
            is `409 ACCOUNT_ALREADY_EXISTS`.""",
            responses = @ApiResponse(responseCode = "202", description = "Opened: the account and its token."))
    @Refuses({ErrorCode.METADATA_INVALID, ErrorCode.ACCOUNT_ALREADY_EXISTS})
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
    @Operation(operationId = "depositMoney", summary = "Deposit money into an account", description = """
            Credits the account with money entering the ledger, posted against the currency's system account \
            (`world:EUR`), so the currency's balances still sum to zero. Treasury only, into any account.

            Decided against the account's latest state and committed before the answer: `version` is the account's \
            version after the deposit. Refused with nothing written: a frozen or closed account \
            (`422 ACCOUNT_NOT_OPEN`), another currency (`422 CURRENCY_MISMATCH`), a balance beyond 64 bits \
            (`422 BALANCE_OVERFLOW`), an unknown account (`404 ACCOUNT_NOT_FOUND`). A retry with the same \
            `Idempotency-Key` never deposits twice.""",
            responses = @ApiResponse(responseCode = "202", description = "Deposited: the account's new version."))
    @Refuses({ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.ACCOUNT_NOT_OPEN, ErrorCode.CURRENCY_MISMATCH,
              ErrorCode.BALANCE_OVERFLOW, ErrorCode.CONCURRENT_MODIFICATION})
    CommandAccepted deposit(@Parameter(description = ACCOUNT_ID, example = "alice",
                                       schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                            @PathVariable String accountId,
                            @Valid @RequestBody MoneyMovementRequest request) {
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
    @Operation(operationId = "withdrawMoney", summary = "Withdraw money from an account", description = """
            Debits the account with money leaving the ledger, posted against the currency's system account. \
            Treasury only. The amount must fit into what the account has available: its balance plus its overdraft \
            limit minus what is held.

            Decided against the account's latest state and committed before the answer: `version` is the account's \
            version after the withdrawal. Refused with nothing written: more than is available \
            (`422 INSUFFICIENT_FUNDS`), a frozen or closed account (`422 ACCOUNT_NOT_OPEN`), another currency \
            (`422 CURRENCY_MISMATCH`), an unknown account (`404 ACCOUNT_NOT_FOUND`). A retry with the same \
            `Idempotency-Key` never withdraws twice.""",
            responses = @ApiResponse(responseCode = "202", description = "Withdrawn: the account's new version."))
    @Refuses({ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.ACCOUNT_NOT_OPEN, ErrorCode.CURRENCY_MISMATCH,
              ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.CONCURRENT_MODIFICATION})
    CommandAccepted withdraw(@Parameter(description = ACCOUNT_ID, example = "alice",
                                        schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                             @PathVariable String accountId,
                             @Valid @RequestBody MoneyMovementRequest request) {
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
    @Operation(operationId = "freezeAccount", summary = "Freeze an account", description = """
            Keeps the account's money where it is: no deposit, withdrawal, new hold or credit until it is unfrozen \
            (transfers touching it end `REJECTED`, or `FAILED` when approved after a review; nothing moved). \
            Reservations made before the freeze still settle, so a transfer in review never leaves money \
            half-moved. Compliance only; the body (a `reason`) is \
            optional.

            Repeating it is harmless: a frozen account stays as it is, no event is recorded, and the answer names \
            its current version. A closed account is `422 ACCOUNT_NOT_OPEN`.""",
            responses = @ApiResponse(responseCode = "202", description = "Frozen: the account's version now."))
    @Refuses({ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.ACCOUNT_NOT_OPEN, ErrorCode.CONCURRENT_MODIFICATION})
    CommandAccepted freeze(@Parameter(description = ACCOUNT_ID, example = "bob",
                                      schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                           @PathVariable String accountId,
                           @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                           @Valid @RequestBody(required = false) AccountLifecycleRequest request) {
        return lifecycle(accountId, ifMatch, request, FreezeAccountCommand::new);
    }

    @PostMapping(path = "/{accountId}/unfreeze")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = false)
    @LocksAccounts("accountId")
    @Operation(operationId = "unfreezeAccount", summary = "Unfreeze an account", description = """
            Opens a frozen account again: it takes deposits, withdrawals, holds and credits as before. Compliance \
            only; the body (a `reason`) is optional.

            Repeating it is harmless: an open account stays as it is, no event is recorded, and the answer names its \
            current version. A closed account is `422 ACCOUNT_NOT_OPEN`: closing is for good.""",
            responses = @ApiResponse(responseCode = "202", description = "Open again: the account's version now."))
    @Refuses({ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.ACCOUNT_NOT_OPEN, ErrorCode.CONCURRENT_MODIFICATION})
    CommandAccepted unfreeze(@Parameter(description = ACCOUNT_ID, example = "bob",
                                        schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                             @PathVariable String accountId,
                             @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                             @Valid @RequestBody(required = false) AccountLifecycleRequest request) {
        return lifecycle(accountId, ifMatch, request, UnfreezeAccountCommand::new);
    }

    @PostMapping(path = "/{accountId}/close")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = false)
    @LocksAccounts("accountId")
    @Operation(operationId = "closeAccount", summary = "Close an account", description = """
            Closes an account for good. Only an empty one: balance 0 and nothing held \
            (`422 ACCOUNT_NOT_EMPTY` otherwise); a frozen one may be closed too, without being unfrozen first. A \
            closed account accepts nothing more. Operators only; the body (a `reason`) is optional.

            Repeating it is harmless: a closed account stays as it is, no event is recorded, and the answer names \
            its current version.""",
            responses = @ApiResponse(responseCode = "202", description = "Closed: the account's version now."))
    @Refuses({ErrorCode.ACCOUNT_NOT_FOUND, ErrorCode.ACCOUNT_NOT_EMPTY, ErrorCode.CONCURRENT_MODIFICATION})
    CommandAccepted close(@Parameter(description = ACCOUNT_ID, example = "alice-savings",
                                     schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                          @PathVariable String accountId,
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
