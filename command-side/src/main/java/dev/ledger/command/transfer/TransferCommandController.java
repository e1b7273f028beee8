package dev.ledger.command.transfer;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.Metadata;
import dev.ledger.api.Money;
import dev.ledger.api.transfer.RequestTransferCommand;
import dev.ledger.api.transfer.ReviewTransferCommand;
import dev.ledger.command.backpressure.MovesMoney;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.idempotency.IdempotentCommand;
import dev.ledger.command.locking.LocksAccounts;
import dev.ledger.command.directory.TransferDirectory.ListedTransfer;
import dev.ledger.command.web.CommandAccepted;
import dev.ledger.command.web.CommandDispatcher;
import dev.ledger.command.web.IfMatch;
import dev.ledger.command.web.RequestMetadata;
import dev.ledger.command.web.LedgerIdPattern;
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
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
 * Transfer commands over HTTP. A transfer is booked in one commit before the answer: 202 means it is COMPLETED,
 * REJECTED (screening or an account refused; nothing moved) or IN_REVIEW (the amount is held); the query side
 * shows which, and why.
 */
@RestController
@RequestMapping(path = "/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Transfers", description = "Money moving between two accounts of the ledger in one currency. Each is "
                                       + "screened (AML) and booked in one commit with both of its accounts: "
                                       + "`COMPLETED`, `REJECTED` (nothing moved) or, held for a person's decision, "
                                       + "`IN_REVIEW` with the amount reserved on the source. The query side shows "
                                       + "each step, when it happened and why.")
class TransferCommandController {

    private final CommandDispatcher commands;
    private final TransferDirectory transfers;
    private final EventStore eventStore;

    TransferCommandController(CommandDispatcher commands, TransferDirectory transfers, EventStore eventStore) {
        this.commands = commands;
        this.transfers = transfers;
        this.eventStore = eventStore;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @MovesMoney
    @LocksAccounts({"sourceAccountId", "destinationAccountId"})
    @Operation(operationId = "requestTransfer", summary = "Request a transfer", description = """
            Moves money from an account the caller owns to any account of the same currency. The transfer is \
            screened (AML: deny lists, an amount threshold, a velocity rule per source) and booked in the request's \
            own commit, so when the `202` comes back it is already one of:

            - `COMPLETED`: debit, credit and completion committed together;
            - `REJECTED`: screening denied it, or an account refused (insufficient funds, frozen, closed); nothing \
            moved;
            - `IN_REVIEW`: the amount is held on the source until a compliance officer decides (`reviewTransfer`) \
            or the review times out.

            Which, and why, the query side shows: `GET /transfers/{id}?after=<consistencyToken>`. `version` counts \
            the transfer's events: 2 when decided at once (request, screening, outcome), 1 while in review.

            Refused with nothing written: the same account twice (`422 SAME_ACCOUNT`), an unknown account, or \
            another owner's as the source (`422 UNKNOWN_ACCOUNT`, alike, so others' ids cannot be discovered), \
            another currency (`422 CURRENCY_MISMATCH`). The same `transferId` with the same content answers the \
            recorded transfer again, with or without the same `Idempotency-Key`; with other content it is \
            `409 TRANSFER_ID_CONFLICT`.""",
            responses = @ApiResponse(responseCode = "202", description = "Booked: the transfer and its token."))
    @Refuses({ErrorCode.METADATA_INVALID, ErrorCode.SAME_ACCOUNT, ErrorCode.UNKNOWN_ACCOUNT,
              ErrorCode.CURRENCY_MISMATCH, ErrorCode.TRANSFER_ID_CONFLICT, ErrorCode.CONCURRENT_MODIFICATION})
    CommandAccepted request(@Valid @RequestBody TransferRequest request) {
        if (!Money.isCurrency(request.currency())) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "unknown ISO-4217 currency " + request.currency());
        }
        if (request.sourceAccountId().equals(request.destinationAccountId())) {
            throw new LedgerRequestException(ErrorCode.SAME_ACCOUNT, "source and destination must differ");
        }
        Metadata metadata = RequestMetadata.from(request.metadata());
        String transferId = request.transferId() != null ? request.transferId() : LedgerIds.generate();
        String requester = Caller.required().subject();
        ListedTransfer asked = new ListedTransfer(transferId, request.sourceAccountId(), request.destinationAccountId(),
                                                  request.amount(), request.currency(), blankToNull(request.reference()),
                                                  requester, metadata);
        // A resubmitted id is answered from what was recorded, before any other check: the accounts may have
        // changed since, but the transfer exists.
        var existing = transfers.find(transferId);
        if (existing.isPresent()) {
            return existingOrConflict(existing.get(), asked);
        }
        if (transfers.isAuthorization(transferId)) {
            throw new LedgerRequestException(ErrorCode.TRANSFER_ID_CONFLICT, "id " + transferId
                    + " is an authorization's; ids are unique across accounts, transfers and authorizations");
        }
        // Unknown accounts and currency mismatches are refused by the Transfer aggregate itself, from the same
        // account directory, with the same error codes; checking here too would read it twice per transfer.
        long version;
        try {
            version = commands.<Long>send(new RequestTransferCommand(transferId, asked.sourceAccountId(),
                                                     asked.destinationAccountId(),
                                                     new Money(asked.amount(), asked.currency()), asked.reference(),
                                                     requester, metadata));
        } catch (AggregateStreamCreationException taken) {
            // PostgreSQL has aborted this request's transaction with the failed append, so nothing more can be read
            // in it. Axon reports any duplicate key of the append this way: on the transfer's stream (the same id
            // submitted concurrently) or on an account's (another node appended to it first). Both are answered by
            // running the whole request again in a fresh transaction: the check above then finds the recorded
            // transfer, or the accounts are read afresh.
            throw new ConcurrencyException("transfer " + transferId + " collided with a concurrent append", taken);
        }
        return CommandAccepted.forTransfer(transferId, version);
    }

    @PostMapping(path = "/{transferId}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @MovesMoney
    @Operation(operationId = "reviewTransfer", summary = "Decide a transfer in review", description = """
            Decides a transfer held for review (`IN_REVIEW`), in one commit: `APPROVE` captures the held amount, \
            credits the destination and completes it (or, if the destination can no longer receive, ends it \
            `FAILED` with the hold released); `REJECT` releases the hold and rejects it.

            Compliance only, with four eyes: the reviewer is the token's subject, and whoever requested the transfer \
            may not decide it (`403 REVIEWER_IS_REQUESTER`). A transfer not waiting for a decision (decided, \
            expired, or never in review) is `422 TRANSFER_NOT_IN_REVIEW`; an unknown id `404 TRANSFER_NOT_FOUND`. \
            Send `If-Match` with the version you looked at (`"1"` while it waits) to insist that nothing changed \
            since.""",
            responses = @ApiResponse(responseCode = "202", description = "Decided: the transfer's new version."))
    @Refuses({ErrorCode.TRANSFER_NOT_FOUND, ErrorCode.TRANSFER_NOT_IN_REVIEW, ErrorCode.REVIEWER_IS_REQUESTER,
              ErrorCode.CONCURRENT_MODIFICATION})
    CommandAccepted review(@Parameter(description = "The transfer's id.", example = "t-3",
                                      schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                           @PathVariable String transferId,
                           @Valid @RequestBody ReviewRequest request,
                           @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        if (!LedgerIds.isValid(transferId)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid transfer id");
        }
        Long expected = IfMatch.expectedVersion(ifMatch);
        try {
            // the reviewer is who the token says, never what the body claims: four eyes depend on it
            long version = commands.<Long>send(new ReviewTransferCommand(transferId, request.decision(),
                                                                         Caller.required().subject(),
                                                                         blankToNull(request.note()), expected));
            return CommandAccepted.forTransfer(transferId, version);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // the second: the id names an account's stream (ids are shared), so there is no such transfer
            throw new LedgerRequestException(ErrorCode.TRANSFER_NOT_FOUND, "no transfer " + transferId);
        }
    }

    private CommandAccepted existingOrConflict(ListedTransfer existing, ListedTransfer asked) {
        if (!existing.equals(asked)) {
            throw new LedgerRequestException(ErrorCode.TRANSFER_ID_CONFLICT,
                                             "transfer " + asked.transferId() + " exists with different content");
        }
        return CommandAccepted.forTransfer(existing.transferId(), lastVersion(existing.transferId()));
    }


    private long lastVersion(String transferId) {
        return eventStore.lastSequenceNumberFor(transferId).orElse(0L);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
