package dev.ledger.platform;

import dev.ledger.platform.apidocs.ApiDocsConfiguration;
import dev.ledger.platform.axon.AxonPlatformConfiguration;
import dev.ledger.platform.axon.EventStoreReading;
import dev.ledger.platform.correlation.CorrelationIdDispatchInterceptor;
import dev.ledger.platform.correlation.CorrelationIdFilter;
import dev.ledger.platform.correlation.CorrelationIdLoggingInterceptor;
import dev.ledger.platform.security.LedgerSecurityConfiguration;
import dev.ledger.platform.security.PrincipalDispatchInterceptor;
import dev.ledger.platform.limits.LimitsConfiguration;
import dev.ledger.platform.web.CommonProblemHandler;
import dev.ledger.platform.web.ProblemErrorReportValve;
import dev.ledger.platform.web.StorableText;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * What both services share, wired once. Each service adds its own storage and handlers on top.
 */
@AutoConfiguration(beforeName = {
        // our JwtDecoder and filter chain must exist before Boot's defaults decide whether to step in
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"})
@EnableConfigurationProperties({LedgerStorageProperties.class, EventStoreReading.class})
@Import({AxonPlatformConfiguration.class, CommonProblemHandler.class, LedgerSecurityConfiguration.class,
         LimitsConfiguration.class, ApiDocsConfiguration.class})
public class LedgerPlatformAutoConfiguration {

    @Bean
    public FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Tomcat's own 400s (before any filter runs) as problem+json, like every other refusal. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return ProblemErrorReportValve.installer();
    }

    /** Picked up by Spring Boot's web {@code ObjectMapper} (every {@code Module} bean is). */
    @Bean
    public StorableText storableText() {
        return new StorableText();
    }

    @Bean
    public CorrelationIdDispatchInterceptor correlationIdDispatchInterceptor() {
        return new CorrelationIdDispatchInterceptor();
    }

    @Bean
    public PrincipalDispatchInterceptor principalDispatchInterceptor() {
        return new PrincipalDispatchInterceptor();
    }

    /**
     * Correlation ids in the MDC while commands, sagas and projections handle messages; and a handler that fails
     * makes its processor retry the event (with backoff) instead of Axon's default of logging and skipping it:
     * a ledger read model that silently misses a posting is worse than one that is visibly behind.
     */
    @Bean
    public ConfigurerModule correlationIdLoggingModule() {
        return configurer -> {
            configurer.eventProcessing()
                      .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                      .registerDefaultHandlerInterceptor((config, name) -> new CorrelationIdLoggingInterceptor<>());
            configurer.onInitialize(config -> config.onStart(
                    () -> config.commandBus().registerHandlerInterceptor(
                            new CorrelationIdLoggingInterceptor<CommandMessage<?>>())));
        };
    }
}
