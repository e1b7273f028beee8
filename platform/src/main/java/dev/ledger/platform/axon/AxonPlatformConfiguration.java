package dev.ledger.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ledger.platform.LedgerStorageProperties;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon settings the two services must agree on, byte for byte: how messages are serialized and where the
 * event store's tables are.
 */
@Configuration(proxyBeanMethods = false)
public class AxonPlatformConfiguration {

    /**
     * Jackson for every Axon serializer, with a mapper of its own: the web layer's mapper is strict about
     * unknown fields (a request with a typo must fail), but stored events must stay readable after a field is
     * added (tolerant reader).
     */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /** The event store's tables, qualified: the query side reads them from another schema than its own. */
    @Bean
    public EventSchema eventSchema(LedgerStorageProperties storage) {
        // Axon's JDBC defaults are camelCase names; our Flyway tables use PostgreSQL's snake_case.
        return EventSchema.builder()
                          .eventTable(storage.eventStore("domain_event_entry"))
                          .snapshotTable(storage.eventStore("snapshot_event_entry"))
                          .globalIndexColumn("global_index")
                          .timestampColumn("time_stamp")
                          .eventIdentifierColumn("event_identifier")
                          .aggregateIdentifierColumn("aggregate_identifier")
                          .sequenceNumberColumn("sequence_number")
                          .typeColumn("type")
                          .payloadTypeColumn("payload_type")
                          .payloadRevisionColumn("payload_revision")
                          .payloadColumn("payload")
                          .metaDataColumn("meta_data")
                          .build();
    }

    @Bean
    public TokenSchema tokenSchema(LedgerStorageProperties storage) {
        return TokenSchema.builder()
                          .setTokenTable(storage.own("token_entry"))
                          .setProcessorNameColumn("processor_name")
                          .setSegmentColumn("segment")
                          .setTokenColumn("token")
                          .setTokenTypeColumn("token_type")
                          .setTimestampColumn("timestamp")
                          .setOwnerColumn("owner")
                          .build();
    }

    /** Replaces Axon's default provider, which would overwrite our correlation id with a message id. */
    @Bean
    public CorrelationDataProvider ledgerCorrelationDataProvider() {
        return new dev.ledger.platform.correlation.LedgerCorrelationDataProvider();
    }
}
