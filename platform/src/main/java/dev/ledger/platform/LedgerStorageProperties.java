package dev.ledger.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each service keeps its tables. One PostgreSQL database, a schema per service: the command side owns
 * the event store, the query side only reads it.
 *
 * @param schema           this service's own schema (tokens, sagas, read models, ...)
 * @param eventStoreSchema the schema holding {@code domain_event_entry} and {@code snapshot_event_entry}
 */
@ConfigurationProperties(prefix = "ledger.storage")
public record LedgerStorageProperties(String schema, String eventStoreSchema) {

    private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

    public LedgerStorageProperties {
        if (schema == null || !schema.matches(IDENTIFIER)) {
            throw new IllegalArgumentException("ledger.storage.schema must be a lower-case SQL identifier");
        }
        if (eventStoreSchema == null || !eventStoreSchema.matches(IDENTIFIER)) {
            throw new IllegalArgumentException("ledger.storage.event-store-schema must be a lower-case SQL identifier");
        }
    }

    /** {@code schema.table} in this service's own schema. */
    public String own(String table) {
        return schema + "." + table;
    }

    /** {@code schema.table} in the event store's schema. */
    public String eventStore(String table) {
        return eventStoreSchema + "." + table;
    }
}
