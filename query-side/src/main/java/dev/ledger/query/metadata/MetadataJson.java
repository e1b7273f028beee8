package dev.ledger.query.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
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
    private static final ObjectMapper WITHOUT_APOSTROPHES = new ObjectMapper();

    static {
        WITHOUT_APOSTROPHES.getFactory().setCharacterEscapes(new ApostrophesEscaped());
    }
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

    /** The same JSON with every apostrophe written as a JSON Unicode escape: safe inside an SQL string literal. */
    static String toJsonWithoutApostrophes(Map<String, String> labels) {
        try {
            return WITHOUT_APOSTROPHES.writeValueAsString(new TreeMap<>(labels));
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

    /** JSON's own escapes, and the apostrophe as a Unicode escape. */
    private static final class ApostrophesEscaped extends CharacterEscapes {

        private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

        ApostrophesEscaped() {
            escapes['\''] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
