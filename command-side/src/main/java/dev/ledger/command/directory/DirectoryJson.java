package dev.ledger.command.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.Metadata;
import java.util.Map;

/**
 * Labels as the directory's {@code jsonb} column holds them: a plain JSON object, {@code NULL} for none (as in the
 * rows from before labels). PostgreSQL normalises the object (key order, spacing), so the stored text is read back
 * into a map rather than compared as text.
 */
final class DirectoryJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private DirectoryJson() {
    }

    static String json(Metadata metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(metadata.entries());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a map of strings is always JSON", impossible);
        }
    }

    static Metadata metadata(String json) {
        if (json == null) {
            return Metadata.EMPTY;
        }
        try {
            return Metadata.of(JSON.readValue(json, LABELS));
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("transfer_directory.metadata is not a JSON object of strings", corrupt);
        }
    }
}
