package dev.ledger.query.reconciliation;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.Money;
import dev.ledger.platform.web.LedgerProblems;
import dev.ledger.platform.web.LedgerRequestException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
class ReconciliationController {

    private static final int MAX_LIMIT = 100;

    private final ReconciliationService reconciliation;

    ReconciliationController(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping
    ResponseEntity<?> start(@RequestParam(defaultValue = "false") boolean repair,
                            @RequestParam(required = false) String currency) {
        if (currency != null && !Money.isCurrency(currency)) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED,
                                             "currency must be an upper-case ISO-4217 code");
        }
        ReconciliationService.Started started = reconciliation.start(ReconciliationService.MANUAL, repair, currency);
        if (!started.started()) {
            ProblemDetail problem = LedgerProblems.problem(
                    ErrorCode.RECONCILIATION_RUNNING,
                    "a reconciliation run is in progress; poll it, and start another when it ends");
            ResponseEntity.BodyBuilder conflict = ResponseEntity.status(problem.getStatus())
                                                                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (started.run() != null) {
                problem.setProperty("runId", started.run().runId());
                problem.setProperty("location", location(started.run().runId()));
                conflict.location(URI.create(location(started.run().runId())));
            }
            return conflict.body(problem);
        }
        ReconciliationRecord run = started.run();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", run.runId());
        body.put("status", run.status());
        body.put("location", location(run.runId()));
        body.put("repair", run.repair());
        body.put("currency", run.currency());
        return ResponseEntity.accepted().location(URI.create(location(run.runId()))).body(body);
    }

    @GetMapping("/{runId}")
    ResponseEntity<?> run(@PathVariable String runId) {
        return reconciliation.find(runId)
                             .<ResponseEntity<?>>map(run -> ResponseEntity.ok(detailed(run)))
                             .orElseGet(() -> unknown(runId));
    }

    @GetMapping
    Map<String, Object> recent(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerRequestException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        return Map.of("items", reconciliation.recent(limit).stream().map(ReconciliationController::summary).toList());
    }

    private Map<String, Object> detailed(ReconciliationRecord run) {
        Map<String, Object> body = summary(run);
        List<Divergence> findings = reconciliation.findingsOf(run.runId());
        body.put("divergences", findings.stream().filter(d -> d.kind().isDivergence())
                                        .toList());
        body.put("inFlight", findings.stream().filter(d -> !d.kind().isDivergence())
                                     .toList());
        return body;
    }

    private static Map<String, Object> summary(ReconciliationRecord run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", run.runId());
        body.put("status", run.status());
        body.put("trigger", run.trigger());
        body.put("repair", run.repair());
        body.put("currency", run.currency());
        body.put("startedAt", run.startedAt());
        body.put("finishedAt", run.finishedAt());
        body.put("headPosition", run.headPosition());
        body.put("eventsRead", run.eventsRead());
        body.put("accountsChecked", run.accountsChecked());
        body.put("transfersChecked", run.transfersChecked());
        body.put("divergenceCount", run.divergences());
        body.put("inFlightCount", run.inFlight());
        body.put("repaired", run.repaired());
        body.put("repairedCount", run.repairedCount());
        body.put("error", run.error());
        body.put("location", location(run.runId()));
        return body;
    }

    private static String location(String runId) {
        return "/admin/reconciliation/" + runId;
    }

    private static ResponseEntity<ProblemDetail> unknown(String runId) {
        return LedgerProblems.response(ErrorCode.UNKNOWN_RECONCILIATION_RUN, "no reconciliation run " + runId);
    }
}
