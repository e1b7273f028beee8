package dev.ledger.query.freshness;

import dev.ledger.platform.web.LedgerProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers {@link NotInReadModelException} as its problem with {@code processing} (and {@code replayProgress} while
 * replaying) and {@code position}, like every other answer of a read. Before the platform's catch-all handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotInReadModelAnswer {

    @ExceptionHandler(NotInReadModelException.class)
    ResponseEntity<ProblemDetail> onNotInReadModel(NotInReadModelException e) {
        ProblemDetail problem = LedgerProblems.problem(e.code(), e.getMessage());
        ProjectionProgress.Progress progress = e.progress();
        problem.setProperty("processing", progress.caughtUpState());
        progress.replayFields().forEach(problem::setProperty);
        problem.setProperty("position", progress.position());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
