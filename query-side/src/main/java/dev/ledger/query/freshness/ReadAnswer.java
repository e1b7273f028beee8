package dev.ledger.query.freshness;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.ErrorCode;
import dev.ledger.platform.web.LedgerProblems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Shapes query answers: the read model's fields plus {@code processing} (and {@code replayProgress} while
 * replaying) and {@code position}, so every answer says how fresh it is.
 */
@Component
public class ReadAnswer {

    private final ObjectMapper json;

    ReadAnswer(ObjectMapper json) {
        this.json = json;
    }

    /** A caught-up answer: the view's fields, then the freshness fields. */
    public Map<String, Object> caughtUp(Object view, ProjectionProgress.Progress progress) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>(json.convertValue(view, Map.class));
        body.put("processing", progress.caughtUpState());
        body.putAll(progress.replayFields());
        body.put("position", progress.position());
        return body;
    }

    /**
     * The "processing" answer of a {@link FreshnessGate#read} that is not fresh: how far the read model has got
     * ({@code position}) and what the read waited for ({@code awaitedPosition}, or {@code reachedVersion} and
     * {@code awaitedVersion}).
     */
    public Map<String, Object> behind(Map<String, Object> identity, GatedRead<?> read) {
        Map<String, Object> body = new LinkedHashMap<>(identity);
        ProjectionProgress.Progress progress = read.progress();
        body.put("processing", progress.behindState());
        body.putAll(progress.replayFields());
        body.put("position", progress.position());
        if (read.awaitedPosition() != null) {
            body.put("awaitedPosition", read.awaitedPosition());
        }
        if (read.awaitedVersion() >= 0) {
            body.put("reachedVersion", read.reachedVersion());
            body.put("awaitedVersion", read.awaitedVersion());
        }
        return body;
    }

    /**
     * A 404 problem that still says how fresh the read model is: during a replay a row may only be missing because
     * the rebuild has not reached it yet.
     */
    public ResponseEntity<ProblemDetail> notFound(ErrorCode code, String detail, ProjectionProgress.Progress progress) {
        ProblemDetail problem = LedgerProblems.problem(code, detail);
        problem.setProperty("processing", progress.caughtUpState());
        progress.replayFields().forEach(problem::setProperty);
        problem.setProperty("position", progress.position());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
