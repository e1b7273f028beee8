package dev.ledger.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ledger.platform.LedgerStorageProperties;
import dev.ledger.platform.correlation.CorrelationIds;
import dev.ledger.platform.security.PrincipalDispatchInterceptor;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
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

    /**
     * Axon's own provider, with the keys turned round: the request's correlation id is its trace (kept from the
     * first message on: command → events → saga commands → their events), and the direct cause is the message id.
     * Axon's default puts the parent's message id under {@code correlationId}, which would overwrite ours.
     */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(CorrelationIds.CAUSATION_KEY, CorrelationIds.KEY);
    }

    /** Who acted travels with the work it caused, so every event names its principal and client. */
    @Bean
    public CorrelationDataProvider actingPrincipalProvider() {
        return new SimpleCorrelationDataProvider(PrincipalDispatchInterceptor.PRINCIPAL_KEY,
                                                 PrincipalDispatchInterceptor.CLIENT_KEY);
    }
}
