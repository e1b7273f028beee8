package dev.ledger.query.processors;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.web.LedgerProblems;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.processors.ProcessorReplays.ReplayRefusedException;
import dev.ledger.query.processors.ProcessorReplays.ReplayStart;
import dev.ledger.query.processors.ProcessorReplays.UnknownProcessorException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Event processors for operators: status (positions, lag, replays, errors, dead letters) and replays, without
 * Axon Server. With Axon Server the same processors also show, and replay, in its dashboard.
 */
@RestController
@RequestMapping(path = "/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Operations")
class ProcessorAdminController {

    private static final String NAME = "The processor's name (its processing group's): `account-summary`, "
                                       + "`account-statement`, `transfers`, `authorizations`, and "
                                       + "`integration-events` when the relay runs.";

    private final ProcessorStatusService status;
    private final ProcessorReplays replays;

    ProcessorAdminController(ProcessorStatusService status, ProcessorReplays replays) {
        this.status = status;
        this.replays = replays;
    }

    @GetMapping
    @Operation(operationId = "listProcessors", summary = "List the event processors and their lag",
               description = """
                       Every event processor (one per read model, plus the integration-event relay when it runs) \
                       with its segments and who claims them, its position against the event store's head (lag in \
                       events and seconds), whether it is replaying and how far, its error state and its parked \
                       dead letters. Segments this node processes are live; the others are read from the token \
                       table, as of their owner's last committed batch.

                       **Who.** Operators and auditors.""")
    ProcessorsReport processors() {
        return status.report();
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getProcessor", summary = "Read one event processor",
               description = "One processor as `listProcessors` shows it.\n\n**Who.** Operators and auditors.")
    @Refuses(ErrorCode.PROCESSOR_NOT_FOUND)
    ProcessorStatus processor(@Parameter(description = NAME, example = "account-summary") @PathVariable String name) {
        return status.status(name).orElseThrow(() -> new UnknownProcessorException(name));
    }

    /**
     * Replays a processor: without parameters a rebuild from the start of the store (the read model is emptied
     * first); with {@code fromPosition} (events after that global index) or {@code fromTime} (events appended at
     * or after that instant) a redelivery to the read model as it is. With {@code republish=true} (and a start) the
     * events are delivered as new ones: the integration-event relay, which ignores replays, publishes them again.
     * 202 with the processor's status once it has been started again; the replay itself runs on.
     */
    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "replayProcessor", summary = "Replay an event processor",
               description = """
                       Without parameters, a **rebuild**: the processor stops, its reset handlers empty its tables \
                       (and its dead-letter queue), its tokens go back to the start of the event store, and it \
                       starts again with every segment replaying; until it has caught up, its read model's answers \
                       say `processing: "REPLAYING"` with `replayProgress`. With `fromPosition` or `fromTime`, a \
                       **redelivery**: the events from there reach the read model again, as replays, without \
                       emptying anything (the idempotent handlers skip what they have). With `republish=true` \
                       (and a start) they are delivered as new events, so the integration-event relay, which \
                       ignores replays, publishes them again.

                       Answers `202 Accepted` once the processor has started again (the replay runs on; poll \
                       `Location`). A refused replay leaves the processor running as before: \
                       `409 REPLAY_REFUSED` when it cannot replay (a handler disallows it and `republish` was not \
                       asked), a replay of it is already being set up, or another node holds one of its segments \
                       (stop it there first).

                       **Who.** Operators.""")
    @ApiResponse(responseCode = "202", description = "The replay is set up and the processor runs again.",
                 headers = @Header(name = "Location", description = "The processor's status, to poll.",
                                   schema = @Schema(type = "string", example = "/admin/processors/account-summary")))
    @Refuses({ErrorCode.PROCESSOR_NOT_FOUND, ErrorCode.REPLAY_REFUSED})
    ResponseEntity<ReplayAnswer> replay(
            @Parameter(description = NAME, example = "account-summary") @PathVariable String name,
            @Parameter(description = "Redeliver the events after this event-store position (global index, >= 0). "
                                     + "Not with `fromTime`.", example = "100000",
                       schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) Long fromPosition,
            @Parameter(description = "Redeliver the events appended at or after this instant (ISO-8601, not in the "
                                     + "future). Not with `fromPosition`.", example = "2026-01-31T00:00:00Z",
                       schema = @Schema(format = "date-time"))
            @RequestParam(required = false) String fromTime,
            @Parameter(description = "Deliver the events from the start point as new ones (needs `fromPosition` "
                                     + "or `fromTime`): for the integration-event relay, to publish them again.",
                       example = "false")
            @RequestParam(defaultValue = "false") boolean republish) {
        ReplayStart start = startOf(fromPosition, fromTime);
        if (republish && start.isFullRebuild()) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "republish needs fromPosition or fromTime: where to publish again from");
        }
        ProcessorReplays.Replay replay = replays.replay(
                name, new ReplayStart(start.position(), start.time(), republish));
        ProcessorStatus processor = status.status(name).orElseThrow(() -> new UnknownProcessorException(name));
        return ResponseEntity.accepted().location(URI.create("/admin/processors/" + name))
                             .body(new ReplayAnswer(replay, processor));
    }

    private static ReplayStart startOf(Long fromPosition, String fromTime) {
        if (fromPosition != null && fromTime != null) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "give fromPosition or fromTime, not both");
        }
        if (fromPosition != null) {
            if (fromPosition < 0) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "fromPosition must be >= 0");
            }
            return new ReplayStart(fromPosition, null);
        }
        if (fromTime != null) {
            Instant time;
            try {
                time = Instant.parse(fromTime.strip());
            } catch (DateTimeParseException e) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                                 "fromTime must be an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z");
            }
            if (time.isAfter(Instant.now())) {
                throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "fromTime is in the future");
            }
            return new ReplayStart(null, time);
        }
        return ReplayStart.tail();
    }

    @ExceptionHandler(UnknownProcessorException.class)
    ResponseEntity<ProblemDetail> onUnknownProcessor(UnknownProcessorException e) {
        return LedgerProblems.response(ErrorCode.PROCESSOR_NOT_FOUND, e.getMessage() + "; known: "
                + String.join(", ", new TreeSet<>(status.processingGroups().keySet())));
    }

    @ExceptionHandler(ReplayRefusedException.class)
    ResponseEntity<ProblemDetail> onReplayRefused(ReplayRefusedException e) {
        return LedgerProblems.response(ErrorCode.REPLAY_REFUSED, e.getMessage());
    }
}
