package dev.ledger.query.processing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Shapes query answers: the read model's fields plus {@code processing} and {@code position}, so every answer
 * says how fresh it is.
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
        body.put("position", progress.position());
        return body;
    }

    /** An answer for a read model that has not applied the requested change yet. */
    public Map<String, Object> behind(Map<String, Object> identity, ProjectionProgress.Progress progress,
                                      long reachedVersion, long awaitedVersion) {
        Map<String, Object> body = new LinkedHashMap<>(identity);
        body.put("processing", progress.behindState());
        body.put("position", progress.position());
        body.put("reachedVersion", reachedVersion);
        body.put("awaitedVersion", awaitedVersion);
        return body;
    }
}
