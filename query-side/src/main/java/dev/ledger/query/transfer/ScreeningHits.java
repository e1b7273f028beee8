package dev.ledger.query.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.transfer.ScreeningRuleHit;
import java.util.List;

/**
 * The JSON form of screening rule hits in {@code transfer_view.screening_hits}. A mapper of its own: the web
 * layer's is strict about unknown fields, while stored rows must stay readable when a field is added.
 */
final class ScreeningHits {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<ScreeningRuleHit>> HITS = new TypeReference<>() {
    };

    private ScreeningHits() {
    }

    static String toJson(List<ScreeningRuleHit> hits) {
        try {
            return JSON.writeValueAsString(hits == null ? List.of() : hits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize screening hits", e);
        }
    }

    static List<ScreeningRuleHit> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, HITS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable screening hits in the read model", e);
        }
    }
}
