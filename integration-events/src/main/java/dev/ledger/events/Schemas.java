package dev.ledger.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a message body against the JSON Schema of its type and version, read from the body itself. The ledger's
 * tests check every published message with it, and a consumer checks every message it receives before acting on it.
 *
 * <p>The schema files name each other by {@code $id} under {@value #ID_BASE}; those ids are names, not addresses:
 * they are mapped to this module's class path and nothing is ever fetched over the network.
 */
public final class Schemas {

    /** The common prefix of every schema's {@code $id}; a file's id is this plus its path under {@code schemas/}. */
    public static final String ID_BASE = "https://ledger.dev/schemas/";

    private static final String RESOURCE_BASE = "schemas/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Draft 2020-12 treats {@code format} as a note by default; occurredAt must be a real date-time, so assert it. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                              .schemaIdResolvers(ids -> ids.mapPrefix(ID_BASE, "classpath:" + RESOURCE_BASE)));

    private static final Map<EventType, Schema> LOADED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** The errors of a message body, empty when it is valid; a body that is not JSON is one error. */
    public static List<String> errors(byte[] body) {
        try {
            return errors(JSON.readTree(body));
        } catch (java.io.IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** The errors of a message body, empty when it is valid; a body that is not JSON is one error. */
    public static List<String> errors(String body) {
        try {
            return errors(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The errors of a parsed message body, empty when it is valid: the schema is chosen by the body's {@code type}
     * and {@code version}, so a body naming no known type and version is one error.
     */
    public static List<String> errors(JsonNode body) {
        Optional<EventType> type = typeOf(body);
        if (type.isEmpty()) {
            return List.of("not a known event type and version: type " + body.path("type") + ", version "
                           + body.path("version"));
        }
        return schema(type.get()).validate(body).stream().map(Error::toString).toList();
    }

    /** The event type a body names by its {@code type} and {@code version}, if it names a known one. */
    public static Optional<EventType> typeOf(JsonNode body) {
        JsonNode type = body.path("type");
        JsonNode version = body.path("version");
        if (!type.isTextual() || !version.canConvertToExactIntegral() || !version.canConvertToInt()) {
            return Optional.empty();
        }
        return EventType.of(type.textValue(), version.intValue());
    }

    /**
     * The loaded schema of a type, which resolves its {@code $ref} to the shared envelope.
     *
     * @throws com.networknt.schema.SchemaException if the type has no schema file or the file is not a valid schema
     */
    public static Schema schema(EventType type) {
        return LOADED.computeIfAbsent(type, t -> {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of(idOf(t)));
            // Loads the referenced envelope now, so a broken $ref fails here and not at the first message.
            schema.initializeValidators();
            return schema;
        });
    }

    /** The {@code $id} a type's schema file declares. */
    public static String idOf(EventType type) {
        return ID_BASE + type.schemaResource().substring(RESOURCE_BASE.length());
    }
}
