package dev.ledger.command.backpressure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.web.HandlerLookup;
import dev.ledger.platform.LedgerStorageProperties;
import dev.ledger.platform.limits.LimitsConfiguration;
import dev.ledger.platform.tokens.TokenTable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the lag sampler, the refusing filter (before the idempotency filter), its health and metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackpressureProperties.class)
class BackpressureConfiguration {

    /**
     * After the correlation-id filter (its id is on the refusal), Spring Security (-100: a caller without a token
     * learns nothing, not even that the ledger is busy) and the rate limit (-90), before the idempotency filter.
     */
    static final int FILTER_ORDER = LimitsConfiguration.RATE_ORDER + 5;

    @Bean
    PipelineLagSampler pipelineLagSampler(DataSource dataSource, TokenStore tokenStore, Serializer serializer,
                                          EventStore eventStore, LedgerStorageProperties storage,
                                          @Value("${axon.axonserver.enabled:true}") boolean axonServer,
                                          BackpressureProperties properties, MeterRegistry registry) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // JDBC counts whole seconds; the sample is skipped (and ages) rather than waited for
        jdbc.setQueryTimeout((int) Math.max(1, properties.queryTimeout().plusMillis(999).toSeconds()));
        // both services write tokens with the platform's serializer; read them with the one our token store uses
        Serializer tokens = tokenStore instanceof JdbcTokenStore jdbcStore ? jdbcStore.serializer() : serializer;
        Map<String, TokenTable> tables = new LinkedHashMap<>();
        properties.watches().forEach(watch -> tables.computeIfAbsent(
                watch.tokenTable(), name -> new TokenTable(jdbc, tokens, name)));
        return new PipelineLagSampler(head(jdbc, eventStore, storage, axonServer), tables, properties, registry,
                                      Clock.systemUTC());
    }

    /**
     * The newest position: {@code max(global_index)}, one step down the primary key's index, with the timeout.
     * With Axon Server the events are not in PostgreSQL; its own head token is asked instead.
     */
    private static Supplier<Long> head(JdbcTemplate jdbc, EventStore eventStore, LedgerStorageProperties storage,
                                       boolean axonServer) {
        if (axonServer) {
            return () -> {
                TrackingToken head = eventStore.createHeadToken();
                return head == null || head.position().isEmpty() ? null : head.position().getAsLong();
            };
        }
        String sql = "SELECT max(global_index) FROM " + storage.eventStore("domain_event_entry");
        return () -> jdbc.queryForObject(sql, Long.class);
    }

    @Bean
    Backpressure backpressure(PipelineLagSampler sampler, BackpressureProperties properties) {
        return new Backpressure(sampler, properties, Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<BackpressureFilter> backpressureFilter(HandlerLookup handlers, Backpressure backpressure,
                                                                  ObjectMapper json, MeterRegistry registry) {
        FilterRegistrationBean<BackpressureFilter> registration =
                new FilterRegistrationBean<>(new BackpressureFilter(handlers, backpressure, json, registry));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    OperationCustomizer backpressureDocumentation() {
        return new BackpressureDocumentation();
    }

    @Bean
    BackpressureHealthIndicator backpressureHealthIndicator(Backpressure backpressure) {
        return new BackpressureHealthIndicator(backpressure, Clock.systemUTC());
    }
}
