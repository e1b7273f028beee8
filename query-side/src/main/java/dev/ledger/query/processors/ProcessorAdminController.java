package dev.ledger.query.processors;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import dev.ledger.platform.web.LedgerRequestException;
import dev.ledger.query.processors.ProcessorReplays.ReplayRefusedException;
import dev.ledger.query.processors.ProcessorReplays.ReplayStart;
import dev.ledger.query.processors.ProcessorReplays.UnknownProcessorException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Event processors for operators: status (positions, lag, replays, errors, dead letters) and replays, without
 * Axon Server. With Axon Server the same processors also show, and replay, in its dashboard.
 */
@RestController
@RequestMapping(path = "/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
class ProcessorAdminController {

    private final ProcessorStatusService status;
    private final ProcessorReplays replays;

    ProcessorAdminController(ProcessorStatusService status, ProcessorReplays replays) {
        this.status = status;
        this.replays = replays;
    }

    @GetMapping
    ProcessorsReport processors() {
        return status.report();
    }

    @GetMapping("/{name}")
    ProcessorStatus processor(@PathVariable String name) {
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
    ResponseEntity<Map<String, Object>> replay(@PathVariable String name,
                                               @RequestParam(required = false) Long fromPosition,
                                               @RequestParam(required = false) String fromTime,
                                               @RequestParam(defaultValue = "false") boolean republish) {
        ReplayStart start = startOf(fromPosition, fromTime);
        if (republish && start.isFullRebuild()) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "republish needs fromPosition or fromTime: where to publish again from");
        }
        ProcessorReplays.Replay replay = replays.replay(
                name, new ReplayStart(start.position(), start.time(), republish));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replay", replay);
        body.put("processor", status.status(name).orElseThrow(() -> new UnknownProcessorException(name)));
        return ResponseEntity.accepted().location(URI.create("/admin/processors/" + name)).body(body);
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
