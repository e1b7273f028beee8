package dev.ledger.command.web;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> onAlreadyExists(AggregateStreamCreationException e) {
        return LedgerProblems.response(ErrorCode.ACCOUNT_ALREADY_EXISTS, "an account with this id already exists");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> onConflict(ConcurrencyException e) {
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

    @ExceptionHandler(NoHandlerForCommandException.class)
    ResponseEntity<ProblemDetail> onNoHandler(NoHandlerForCommandException e) {
        log.error("no handler", e);
        return LedgerProblems.response(ErrorCode.SERVICE_UNAVAILABLE, "the command side is not ready");
    }
}
