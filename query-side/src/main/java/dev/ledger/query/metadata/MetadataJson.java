package dev.ledger.query.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Labels in a read model's {@code metadata jsonb} column: a plain JSON object of strings, {@code {}} for none (the
 * column's default, so rows written before labels existed read as none).
 */
public final class MetadataJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };

    private MetadataJson() {
    }

    /** The column's value for {@code labels} ({@code null}: none). */
    public static String toJson(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(labels == null ? Map.of() : new TreeMap<>(labels));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a map of strings is always JSON", impossible);
        }
    }

    /** The labels of a column's value, sorted by key; none for {@code null}. */
    public static SortedMap<String, String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Collections.emptySortedMap();
        }
        try {
            return Collections.unmodifiableSortedMap(JSON.readValue(json, LABELS));
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("a read model's metadata is not a JSON object of strings", corrupt);
        }
    }
}
