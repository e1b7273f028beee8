package dev.ledger.command.web;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import dev.ledger.command.idempotency.TransientFailure;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps the outcomes of command handling to problem+json: rule violations by their {@link ErrorCode}, Axon's
 * own refusals by meaning.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandProblemHandler.class);

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> onRuleViolation(CommandExecutionException e) {
        ErrorCode code = e.getDetails().filter(ErrorCode.class::isInstance).map(ErrorCode.class::cast).orElse(null);
        if (code == null) {
            log.error("command failed", e);
            return LedgerProblems.response(ErrorCode.SERVICE_UNAVAILABLE, "the command could not be executed");
        }
        return LedgerProblems.response(code, e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> onNotFound(AggregateNotFoundException e) {
        return LedgerProblems.response(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + e.getAggregateIdentifier());
    }

    /**
     * Account and transfer ids share the event store's stream namespace; a command naming the other kind's stream
     * cannot load it (no identifier after replay). For the caller, that id is simply not an account.
     */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<ProblemDetail> onForeignStream(IncompatibleAggregateException e) {
        return LedgerProblems.response(ErrorCode.ACCOUNT_NOT_FOUND, "no such account");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> onAlreadyExists(AggregateStreamCreationException e) {
        return LedgerProblems.response(ErrorCode.ACCOUNT_ALREADY_EXISTS, "the id is taken; ids are unique across accounts and transfers");
    }

    /** Another writer appended to the same aggregate first (another node): the whole request is retried. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> onConflict(ConcurrencyException e, HttpServletRequest request) {
        TransientFailure.mark(request);
        return LedgerProblems.response(ErrorCode.CONCURRENT_MODIFICATION,
                                       "the account was changed concurrently; retry the request");
    }

    /**
     * A stale {@code If-Match}: the caller decided on a version that is no longer current. Not a subclass of
     * {@link ConcurrencyException} (it is non-transient: retrying the same request cannot succeed), so without
     * this it would surface as a 500.
     */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> onVersionMismatch(ConflictingAggregateVersionException e) {
        return LedgerProblems.response(ErrorCode.VERSION_MISMATCH,
                                       "expected version " + e.getExpectedVersion() + " but "
                                               + e.getAggregateIdentifier() + " is at version " + e.getActualVersion()
                                               + "; read it again and decide anew");
    }

    /** A lost or refused database connection: worth another try of the whole request. */
    @ExceptionHandler({org.springframework.dao.TransientDataAccessException.class,
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> onDatabaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("database unavailable: {}", e.getMessage());
        TransientFailure.mark(request);
        return LedgerProblems.response(ErrorCode.SERVICE_UNAVAILABLE, "the ledger's database is unavailable; retry");
    }

    /**
     * An aggregate stayed locked past the request's deadline ({@code ledger.commands.timeout}): the command never
     * ran and its transaction rolls back, so retrying the same request is safe. Not retried here: the time is up.
     */
    @ExceptionHandler(LockAcquisitionFailedException.class)
    ResponseEntity<ProblemDetail> onBusy(LockAcquisitionFailedException e) {
        ProblemDetail problem = LedgerProblems.problem(ErrorCode.SERVICE_UNAVAILABLE,
                "the account is busy; nothing was done: retry with the same Idempotency-Key");
        problem.setProperty("retryAfterSeconds", 1);
        return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.httpStatus())
                             .header(HttpHeaders.RETRY_AFTER, "1")
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    @ExceptionHandler(NoHandlerForCommandException.class)
    ResponseEntity<ProblemDetail> onNoHandler(NoHandlerForCommandException e) {
        log.error("no handler", e);
        return LedgerProblems.response(ErrorCode.SERVICE_UNAVAILABLE, "the command side is not ready");
    }
}
