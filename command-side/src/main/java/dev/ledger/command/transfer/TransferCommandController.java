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
import dev.ledger.platform.security.Caller;
import dev.ledger.platform.web.LedgerRequestException;
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
    CommandAccepted review(@PathVariable String transferId, @Valid @RequestBody ReviewRequest request,
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
