package dev.ledger.command.transfer;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.LedgerIds;
import dev.ledger.api.transfer.RefundTransferCommand;
import dev.ledger.command.backpressure.MovesMoney;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.directory.TransferDirectory.ListedTransfer;
import dev.ledger.command.idempotency.IdempotentCommand;
import dev.ledger.command.web.CommandAccepted;
import dev.ledger.command.web.CommandDispatcher;
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
import java.util.Objects;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Refunds over HTTP. Like a transfer, a refund is booked in one commit before the answer: 202 means it is
 * COMPLETED, REJECTED (nothing moved, and the original may be refunded by that much again) or IN_REVIEW (the amount
 * is held on the payer and stays reserved on the original until the decision).
 */
@RestController
@RequestMapping(path = "/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Refunds", description = "Paying a completed transfer back, in part or in whole: a transfer of its own in "
                                     + "the opposite direction, screened and booked like any, whose amount the "
                                     + "original reserves in the same commit, so a transfer's refunds never add up to "
                                     + "more than it.")
class RefundCommandController {

    private final CommandDispatcher commands;
    private final TransferDirectory transfers;
    private final EventStore eventStore;

    RefundCommandController(CommandDispatcher commands, TransferDirectory transfers, EventStore eventStore) {
        this.commands = commands;
        this.transfers = transfers;
        this.eventStore = eventStore;
    }

    @PostMapping(path = "/{transferId}/refunds", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @IdempotentCommand(keyRequired = true)
    @MovesMoney
    @Operation(operationId = "refundTransfer", summary = "Refund a transfer", description = """
            Pays (part of) a completed transfer back: a new transfer from the original's destination to its source, \
            in the original's currency, screened and booked like any transfer, so when the `202` comes back it is \
            `COMPLETED`, `REJECTED` (nothing moved; that amount may be refunded again) or `IN_REVIEW` (held on the \
            payer, and still reserved on the original, until the decision). The original reserves the amount in the \
            same commit: its refunds never add up to more than its amount, also when refunds race or are retried. \
            `version` counts the refund's events: 3 when decided at once (request, screening, the link to its \
            original, outcome).

            Only the owner of the original's destination may refund (the refund pays out of that account): the \
            original's payer gets `403 ACCESS_DENIED`, anybody else `404 TRANSFER_NOT_FOUND`, as for an unknown id. \
            Refused with nothing written: more than the original has left (`422 REFUND_EXCEEDS_ORIGINAL`); a \
            transfer that has not completed, or is itself a refund (`422 TRANSFER_NOT_REFUNDABLE`). The same \
            `refundId` with the same content answers the recorded refund again; with other content it is \
            `409 TRANSFER_ID_CONFLICT`.""",
            responses = @ApiResponse(responseCode = "202", description = "Booked: the refund and its token."))
    @Refuses({ErrorCode.TRANSFER_NOT_FOUND, ErrorCode.TRANSFER_ID_CONFLICT, ErrorCode.TRANSFER_NOT_REFUNDABLE,
              ErrorCode.REFUND_EXCEEDS_ORIGINAL, ErrorCode.CONCURRENT_MODIFICATION})
    CommandAccepted refund(@Parameter(description = "The original transfer's id.", example = "t-1",
                                      schema = @Schema(pattern = LedgerIdPattern.ID, maxLength = 64))
                           @PathVariable String transferId,
                           @Valid @RequestBody RefundRequest request) {
        if (!LedgerIds.isValid(transferId)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "invalid transfer id");
        }
        String refundId = request.refundId() != null ? request.refundId() : LedgerIds.generate();
        String requester = Caller.required().subject();
        String reference = request.reference() == null || request.reference().isBlank() ? null
                : request.reference().strip();
        // a resubmitted refund id is answered from what was recorded, as a resubmitted transfer id is
        var existing = transfers.find(refundId);
        if (existing.isPresent()) {
            return existingOrConflict(existing.get(), transferId, request.amount(), reference, requester);
        }
        if (transfers.isAuthorization(refundId)) {
            throw new LedgerRequestException(ErrorCode.TRANSFER_ID_CONFLICT, "id " + refundId
                    + " is an authorization's; ids are unique across accounts, transfers and authorizations");
        }
        try {
            long version = commands.<Long>send(new RefundTransferCommand(transferId, refundId, request.amount(),
                                                                         reference, requester));
            return CommandAccepted.forTransfer(refundId, version);
        } catch (AggregateStreamCreationException taken) {
            // as for transfers: the same refund id sent concurrently, or another node appended to an account first;
            // the request runs again in a fresh transaction and finds the recorded refund, or fresh accounts
            throw new ConcurrencyException("refund " + refundId + " collided with a concurrent append", taken);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw new LedgerRequestException(ErrorCode.TRANSFER_NOT_FOUND, "no transfer " + transferId);
        }
    }

    /**
     * The same refund again: the same original, reference and requester, and the same amount, or none (the first
     * request's "everything left" is what was recorded). Anything else reuses the id: a conflict.
     */
    private CommandAccepted existingOrConflict(ListedTransfer existing, String transferId, Long amount,
                                               String reference, String requester) {
        boolean same = transfers.refundOf(existing.transferId()).filter(transferId::equals).isPresent()
                && Objects.equals(existing.requestedBy(), requester)
                && Objects.equals(existing.reference(), reference)
                && (amount == null || amount == existing.amount());
        if (!same) {
            throw new LedgerRequestException(ErrorCode.TRANSFER_ID_CONFLICT,
                                             "transfer " + existing.transferId() + " exists with different content");
        }
        long version = eventStore.lastSequenceNumberFor(existing.transferId()).orElse(0L);
        return CommandAccepted.forTransfer(existing.transferId(), version);
    }
}
