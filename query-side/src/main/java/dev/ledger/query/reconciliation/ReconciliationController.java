package dev.ledger.query.reconciliation;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.platform.apidocs.Refuses;
import dev.ledger.platform.web.LedgerProblems;
import dev.ledger.platform.web.LedgerRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
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
 * Reconciliation over REST: start a run ({@code 202}, it runs in the background), then poll it.
 * <pre>
 * POST /admin/reconciliation[?repair=true][&amp;currency=EUR]  → 202 {runId, status, location}
 *                                                               409 problem+json while another run is running
 * GET  /admin/reconciliation/{runId}                         → the run and what it found; 404 problem+json
 * GET  /admin/reconciliation[?limit=20]                      → the latest runs, newest first
 * </pre>
 */
@RestController
@RequestMapping(path = "/admin/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Operations")
class ReconciliationController {

    private static final int MAX_LIMIT = 100;

    private final ReconciliationService reconciliation;

    ReconciliationController(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "startReconciliation", summary = "Start a reconciliation run",
               description = """
                       Recomputes every account's balance, held sum, version and status, and every transfer's \\
                       status and terms, from the event store (the source of truth), and compares them with the \\
                       read models and with the double-entry invariant (each currency sums to 0, on the event \\
                       store and on the read model); every completed transfer must have both statement entries. \\
                       Rows behind only because their projection is busy are reported `IN_FLIGHT`, not as \\
                       divergences. With `repair=true` divergent account rows are rewritten (guarded, so an event \\
                       applied meanwhile is never overwritten); statements and transfers are repaired by replaying \\
                       their processor.

                       Answers `202 Accepted` at once: the run goes on in the background; poll `Location`. One run \\
                       at a time across all nodes: while one runs, `409 RECONCILIATION_RUNNING` with its `runId` \\
                       and `location` (and `Location`).

                       **Who.** Operators.""")
    @ApiResponse(responseCode = "202", description = "The run has started; poll `Location`.",
                 headers = @Header(name = "Location", description = "The run, to poll.", schema = @Schema(
                         type = "string", example = "/admin/reconciliation/5b0c2f5e-8d1a-4c3b-9e7f-1a2b3c4d5e6f")))
    @Refuses(ErrorCode.RECONCILIATION_RUNNING)
    ResponseEntity<ReconciliationStarted> start(
            @Parameter(description = "Repair what the run finds (account rows; see the description).",
                       example = "false")
            @RequestParam(defaultValue = "false") boolean repair,
            @Parameter(description = "Only this currency (ISO-4217).", example = "EUR",
                       schema = @Schema(pattern = "^[A-Z]{3}$"))
            @RequestParam(required = false) String currency) {
        if (currency != null && !Money.isCurrency(currency)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "currency must be an upper-case ISO-4217 code");
        }
        ReconciliationService.Started started = reconciliation.start(ReconciliationService.MANUAL, repair, currency);
        if (!started.started()) {
            throw new RunInProgressException(started.run());
        }
        ReconciliationStarted run = ReconciliationStarted.of(started.run());
        return ResponseEntity.accepted().location(URI.create(run.location())).body(run);
    }

    @GetMapping("/{runId}")
    @Operation(operationId = "getReconciliationRun", summary = "Read a reconciliation run and its findings",
               description = """
                       The run (running, completed or failed), what it read and compared, and its findings: \\
                       `divergences` (what differs, whether repaired) and `inFlight` (rows that were only behind).

                       **Who.** Operators and auditors.""")
    @Refuses(ErrorCode.UNKNOWN_RECONCILIATION_RUN)
    ReconciliationRunReport run(@Parameter(description = "The run's id, as `startReconciliation` answered it.",
                                           example = "5b0c2f5e-8d1a-4c3b-9e7f-1a2b3c4d5e6f")
                                @PathVariable String runId) {
        ReconciliationRecord run = reconciliation.find(runId).orElseThrow(() -> new LedgerRequestException(
                ErrorCode.UNKNOWN_RECONCILIATION_RUN, "no reconciliation run " + runId));
        var findings = reconciliation.findingsOf(run.runId());
        return new ReconciliationRunReport(ReconciliationRunSummary.of(run),
                                           findings.stream().filter(d -> d.kind().isDivergence()).toList(),
                                           findings.stream().filter(d -> !d.kind().isDivergence()).toList());
    }

    @GetMapping
    @Operation(operationId = "listReconciliationRuns", summary = "List the latest reconciliation runs",
               description = """
                       The latest runs, manual and scheduled, newest first, with their counts (read one for its \\
                       findings).

                       **Who.** Operators and auditors.""")
    ReconciliationRunList recent(@Parameter(description = "How many: 1 to 100, 20 when absent.", example = "20",
                                            schema = @Schema(type = "integer", format = "int32", minimum = "1",
                                                             maximum = "100", defaultValue = "20"))
                                 @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        return new ReconciliationRunList(reconciliation.recent(limit).stream()
                                                       .map(ReconciliationRunSummary::of).toList());
    }

    /** The problem of a start refused while a run is in progress, pointing at that run when it is known. */
    @ExceptionHandler(RunInProgressException.class)
    ResponseEntity<ProblemDetail> onRunInProgress(RunInProgressException e) {
        ProblemDetail problem = LedgerProblems.problem(
                ErrorCode.RECONCILIATION_RUNNING,
                "a reconciliation run is in progress; poll it, and start another when it ends");
        ResponseEntity.BodyBuilder conflict = ResponseEntity.status(problem.getStatus())
                                                            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.running() != null) {
            String location = ReconciliationRunSummary.location(e.running().runId());
            problem.setProperty("runId", e.running().runId());
            problem.setProperty("location", location);
            conflict.location(URI.create(location));
        }
        return conflict.body(problem);
    }

    /** Another run holds the one slot; {@code running} may be unknown (it ended between the two reads). */
    static final class RunInProgressException extends RuntimeException {

        private final transient ReconciliationRecord running;

        RunInProgressException(ReconciliationRecord running) {
            super(null, null, false, false);
            this.running = running;
        }

        ReconciliationRecord running() {
            return running;
        }
    }
}
